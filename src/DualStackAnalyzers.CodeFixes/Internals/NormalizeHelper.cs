using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>
    /// R6 for an expression that is long or has effects (<c>context.Connection.RemoteIpAddress</c>): one helper per type
    /// (a local function in top-level code) evaluates it once and keeps null as null.
    /// </summary>
    internal static class NormalizeHelper
    {
        public const string Name = "NormalizeMapped";

        private const string Summary = "An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d: returns a.b.c.d for it, any other address unchanged.";

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
            var nullable = model.GetNullableContext(site.SpanStart).AnnotationsEnabled()
                && model.Compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.NotNullIfNotNullAttribute") is not null;
            var signature = nullable
                ? "[return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(\"address\")]\nMODIFIERS System.Net.IPAddress? NormalizeMapped(System.Net.IPAddress? address)"
                : "MODIFIERS System.Net.IPAddress NormalizeMapped(System.Net.IPAddress address)";
            const string body = "\n    => address != null && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;";

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
                    var eol = NewLine(type);
                    var member = SyntaxFactory.ParseMemberDeclaration("/// <summary>" + Summary + "</summary>" + eol + (signature.Replace("MODIFIERS", "private static") + body).Replace("\n", eol))!;
                    member = member.WithLeadingTrivia(member.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine(eol)));
                    editor.AddMember(type, Annotate(member));
                }

                return;
            }

            var unit = site.FirstAncestorOrSelf<CompilationUnitSyntax>();
            var last = unit?.Members.OfType<GlobalStatementSyntax>().LastOrDefault();
            if (unit is null || last is null || HasLocalHelper(unit) || !done.Add(unit))
            {
                return;
            }

            // A blank line, then the comment: the last statement may end without a line break.
            var newLine = NewLine(unit);
            var function = (LocalFunctionStatementSyntax)SyntaxFactory.ParseStatement(newLine + newLine + "// " + Summary + newLine + signature.Replace("MODIFIERS ", "static ").Replace("\n", newLine) + body.Replace("\n", newLine));
            editor.InsertAfter(last, Annotate(SyntaxFactory.GlobalStatement(function)));
        }

        /// <summary>The line break the file uses.</summary>
        private static string NewLine(SyntaxNode node)
        {
            var text = node.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString();
            return text.Length == 0 ? "\n" : text;
        }

        private static T Annotate<T>(T node)
            where T : SyntaxNode
            => node.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

        private static bool HasLocalHelper(CompilationUnitSyntax unit)
            => unit.Members.OfType<GlobalStatementSyntax>().Any(g => g.Statement is LocalFunctionStatementSyntax { Identifier.ValueText: Name });

        private static bool IsHelper(ISymbol member)
            => member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method
               && method.Parameters[0].Type.Name == "IPAddress"
               && method.ReturnType.Name == "IPAddress";
    }
}
