using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>
    /// The dual-stack constructions the socket fixes emit (ground truth R1–R5), written with qualified names for
    /// <see cref="FixHelpers.Expression"/>, each checked against the target before use.
    /// </summary>
    internal static class DualStackRewrites
    {
        private const string Sockets = "System.Net.Sockets.";

        /// <summary>The SocketType and ProtocolType arguments of <c>new Socket(family, type, protocol)</c>, as written.</summary>
        public static (string SocketType, string Protocol)? SocketTypeAndProtocol(IObjectCreationOperation creation)
        {
            string? socketType = null, protocol = null;
            foreach (var argument in creation.Arguments)
            {
                switch (argument.Parameter?.Type.Name)
                {
                    case "SocketType":
                        socketType = argument.Value.Syntax.WithoutTrivia().ToString();
                        break;
                    case "ProtocolType":
                        protocol = argument.Value.Syntax.WithoutTrivia().ToString();
                        break;
                    case "AddressFamily":
                        break;
                    default:
                        return null;
                }
            }

            return socketType is null || protocol is null ? null : (socketType, protocol);
        }

        /// <summary>
        /// R2's socket: <c>new Socket(type, protocol)</c> is dual with an IPv4 fallback; where that constructor has no
        /// fallback (.NET Framework, netstandard, .NET Core &lt; 2.1) the OSSupportsIPv6 guard is written out.
        /// </summary>
        public static string? DualSocket(IObjectCreationOperation creation, NetSymbols symbols, TargetFramework target)
        {
            if (SocketTypeAndProtocol(creation) is not { } parts || !HasConstructor(symbols.Socket, "SocketType", "ProtocolType"))
            {
                return null;
            }

            var dual = "new " + Sockets + "Socket(" + parts.SocketType + ", " + parts.Protocol + ")";
            return target.DualConstructorsLackIPv4Fallback
                ? Sockets + "Socket.OSSupportsIPv6 ? " + dual + " : new " + Sockets + "Socket(" + Sockets + "AddressFamily.InterNetwork, " + parts.SocketType + ", " + parts.Protocol + ")"
                : dual;
        }

        /// <summary>
        /// Makes a creation dual-stack by deleting its family argument (<c>new Socket(type, protocol)</c>,
        /// <c>new TcpClient()</c>): everything else, initializers and comments included, stays as written.
        /// </summary>
        public static void RemoveArgument(SyntaxEditor editor, HashSet<SyntaxNode> done, SyntaxNode argumentValue)
        {
            if (argumentValue.Parent is ArgumentSyntax argument && done.Add(argument))
            {
                editor.RemoveNode(argument, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }

        /// <summary>R1: <c>TcpListener.Create(port)</c>, guarded where Create has no IPv4 fallback.</summary>
        public static string? TcpListenerCreate(string port, NetSymbols symbols, TargetFramework target)
        {
            if (!NetSymbols.HasMethod(symbols.TcpListener, "Create", 1, isStatic: true))
            {
                return null;
            }

            var create = Sockets + "TcpListener.Create(" + port + ")";
            return target.DualConstructorsLackIPv4Fallback
                ? Sockets + "Socket.OSSupportsIPv6 ? " + create + " : new " + Sockets + "TcpListener(System.Net.IPAddress.Any, " + port + ")"
                : create;
        }

        /// <summary>
        /// An unbound client that is IPv6 with dual mode where the OS has IPv6, and the IPv4 default where it has
        /// not: <c>Socket.OSSupportsIPv6 ? new T(InterNetworkV6) { Client = { DualMode = true } } : new T()</c>.
        /// </summary>
        public static string? GuardedDualClient(string typeName, NetSymbols symbols)
        {
            if (!NetSymbols.HasMember(symbols.Socket, "DualMode"))
            {
                return null;
            }

            var type = Sockets + typeName;
            return Sockets + "Socket.OSSupportsIPv6 ? new " + type + "(" + Sockets + "AddressFamily.InterNetworkV6) { Client = { DualMode = true } } : new " + type + "()";
        }

        /// <summary>The bind address R2 writes: the wildcard of the socket's own family.</summary>
        public static string FamilyGuardedWildcard(string socket)
            => socket + ".AddressFamily == " + Sockets + "AddressFamily.InterNetworkV6 ? System.Net.IPAddress.IPv6Any : System.Net.IPAddress.Any";

        public static bool HasConstructor(INamedTypeSymbol? type, params string[] parameterTypeNames)
            => type is not null && type.InstanceConstructors.Any(c => c.DeclaredAccessibility == Accessibility.Public
                && c.Parameters.Length == parameterTypeNames.Length
                && c.Parameters.Select(p => p.Type.Name).SequenceEqual(parameterTypeNames));

        /// <summary>
        /// Removes the declaration of a local that the fix leaves unread (an unused constant local is warning CS0219;
        /// an unused DNS lookup is wasted work). Only a single-variable declaration statement whose local has no
        /// other reference outside <paramref name="replaced"/>.
        /// </summary>
        /// <returns>The removed statement, or null.</returns>
        public static SyntaxNode? RemoveUnusedLocal(SyntaxEditor editor, HashSet<SyntaxNode> done, ILocalSymbol local, SemanticModel model, IReadOnlyCollection<SyntaxNode> replaced, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
                || declarator.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            // Top-level statements: the local is visible in the whole compilation unit.
            var scope = statement.Parent is GlobalStatementSyntax global ? global.Parent : statement.Parent;
            if (scope is null)
            {
                return null;
            }

            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == local.Name
                    && !replaced.Any(r => r.Span.Contains(identifier.Span))
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                {
                    return null;
                }
            }

            SyntaxNode removed = statement.Parent is GlobalStatementSyntax globalStatement ? globalStatement : statement;
            if (done.Add(removed))
            {
                editor.RemoveNode(removed, SyntaxRemoveOptions.KeepUnbalancedDirectives);
            }

            return removed;
        }

        /// <summary>The creation expression that contains a reported node (the node itself, or its argument's).</summary>
        public static SyntaxNode? EnclosingCreation(SyntaxNode node)
        {
            for (var current = node; current is not null && current is not StatementSyntax && current is not MemberDeclarationSyntax; current = current.Parent)
            {
                if (current is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax)
                {
                    return current;
                }
            }

            return null;
        }
    }
}
