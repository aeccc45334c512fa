using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>
    /// R4 (ground truth): a UdpClient that is dual-stack where the OS has IPv6 and IPv4-only where it has not.
    /// It needs statements, so the fix adds one static helper per type (or a local function in top-level code).
    /// </summary>
    internal static class UdpHelper
    {
        public const string Name = "CreateDualStackUdpClient";

        private const string Body = @"
    /// <summary>A UdpClient bound to the port for IPv4 and IPv6 where the OS has IPv6, and for IPv4 where it has not.</summary>
    MODIFIERS static System.Net.Sockets.UdpClient CreateDualStackUdpClient(int port)
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            return new System.Net.Sockets.UdpClient(port);
        }

        var client = new System.Net.Sockets.UdpClient(System.Net.Sockets.AddressFamily.InterNetworkV6);
        client.Client.DualMode = true;
        client.Client.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Any, port));
        return client;
    }";

        /// <summary>True when the helper exists or can be added where <paramref name="site"/> is.</summary>
        public static bool CanAdd(SyntaxNode site, SemanticModel model)
        {
            var type = site.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type is null)
            {
                return site.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null;
            }

            if (type is InterfaceDeclarationSyntax)
            {
                return false;
            }

            var symbol = model.GetDeclaredSymbol(type);
            var existing = symbol?.GetMembers(Name) ?? default;
            return existing.IsDefaultOrEmpty || existing.Any(IsHelper);
        }

        public static void Ensure(SyntaxEditor editor, HashSet<SyntaxNode> done, SyntaxNode site, SemanticModel model)
        {
            var type = site.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type is not null)
            {
                var symbol = model.GetDeclaredSymbol(type);
                if (symbol is not null && symbol.GetMembers(Name).Any(IsHelper))
                {
                    return;
                }

                if (done.Add(type))
                {
                    editor.AddMember(type, FixHelpers.Member(Body.Replace("MODIFIERS ", "private ")));
                }

                return;
            }

            var unit = site.FirstAncestorOrSelf<CompilationUnitSyntax>();
            var last = unit?.Members.OfType<GlobalStatementSyntax>().LastOrDefault();
            if (unit is null || last is null || HasLocalHelper(unit) || !done.Add(unit))
            {
                return;
            }

            var function = (LocalFunctionStatementSyntax)SyntaxFactory.ParseStatement(Body.Replace("MODIFIERS ", string.Empty).Replace("/// <summary>A UdpClient bound to the port for IPv4 and IPv6 where the OS has IPv6, and for IPv4 where it has not.</summary>", "// A UdpClient bound to the port for IPv4 and IPv6 where the OS has IPv6, and for IPv4 where it has not."));
            // A blank line between the program and the helper, as between members.
            function = function.WithLeadingTrivia(function.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine("\n")));
            editor.InsertAfter(last, SyntaxFactory.GlobalStatement(function).WithAdditionalAnnotations(
                Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation,
                Microsoft.CodeAnalysis.Simplification.Simplifier.AddImportsAnnotation,
                Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
        }

        private static bool HasLocalHelper(CompilationUnitSyntax unit)
            => unit.Members.OfType<GlobalStatementSyntax>().Any(g => g.Statement is LocalFunctionStatementSyntax { Identifier.ValueText: Name });

        private static bool IsHelper(ISymbol member)
            => member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method
               && method.Parameters[0].Type.SpecialType == SpecialType.System_Int32
               && method.ReturnType.Name == "UdpClient";
    }
}
