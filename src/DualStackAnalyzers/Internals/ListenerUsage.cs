using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// How the rest of a type uses a listener or socket: facts that decide whether a fix is safe
    /// (fix safety 5: restarts; 7: IPv4-level options).
    /// </summary>
    internal static class ListenerUsage
    {
        /// <summary>The local or field a creation is stored into; null when it is passed on directly.</summary>
        public static ISymbol? StoredInto(IOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length == 1 => fieldInitializer.InitializedFields[0],
                IPropertyInitializerOperation propertyInitializer when propertyInitializer.InitializedProperties.Length == 1 => propertyInitializer.InitializedProperties[0],
                ISimpleAssignmentOperation assignment => OperationHelpers.ReferencedSymbol(assignment.Target),
                _ => null,
            };
        }

        /// <summary>
        /// Can Start() follow Stop() on this listener? TcpListener.Stop() then Start() drops dual mode (T3).
        /// A Start in a loop, after a Stop in the same member, or in a member that does not create the listener,
        /// counts when the listener is ever stopped.
        /// </summary>
        public static bool MayRestart(ISymbol listener, SyntaxNode creationSyntax, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            var starts = new List<InvocationExpressionSyntax>();
            var stops = new List<InvocationExpressionSyntax>();
            foreach (var invocation in Invocations(listener, model, declarations, cancellationToken))
            {
                var name = ((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText;
                if (name == "Stop")
                {
                    stops.Add(invocation);
                }
                else if (name == "Start")
                {
                    starts.Add(invocation);
                }
            }

            if (stops.Count == 0)
            {
                return false;
            }

            var creationMember = MemberOf(creationSyntax);
            foreach (var start in starts)
            {
                var member = MemberOf(start);
                if (member != creationMember || IsInLoop(start, member))
                {
                    return true;
                }

                if (stops.Any(stop => MemberOf(stop) == member && stop.SpanStart < start.SpanStart && stop.SpanStart > creationSyntax.SpanStart))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> IPv4LevelMembers = ImmutableArray.Create("Ttl", "DontFragment", "EnableBroadcast", "MulticastLoopback", "JoinMulticastGroup", "DropMulticastGroup", "SetSocketOption");

        /// <summary>
        /// The names of member accesses (<c>x.Name</c>) spelled one of <paramref name="names"/> inside
        /// <paramref name="scope"/>, in document order: from the tree's <see cref="IdentifierIndex"/>, not a walk.
        /// </summary>
        public static IEnumerable<IdentifierNameSyntax> MemberNamesInOrder(SyntaxNode scope, IReadOnlyList<string> names, CancellationToken cancellationToken)
        {
            var found = new List<IdentifierNameSyntax>();
            foreach (var name in names)
            {
                foreach (var identifier in IdentifierIndex.Named(scope, name, cancellationToken))
                {
                    if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
                    {
                        found.Add(identifier);
                    }
                }
            }

            found.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
            return found;
        }

        /// <summary>
        /// The IPv4-level behaviour (Ttl, broadcast, IPv4 multicast, SocketOptionLevel.IP) the type uses on this
        /// socket or listener (or its .Server/.Client socket); null when none. A family change would break it (#19, #20).
        /// </summary>
        public static string? IPv4LevelBehaviour(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            foreach (var declaration in declarations)
            {
                foreach (var member in MemberNamesInOrder(declaration, IPv4LevelMembers, cancellationToken))
                {
                    var access = (MemberAccessExpressionSyntax)member.Parent!;
                    var name = member.Identifier.ValueText;
                    switch (name)
                    {
                        case "Ttl":
                        case "DontFragment":
                        case "EnableBroadcast":
                        case "MulticastLoopback":
                        case "JoinMulticastGroup":
                        case "DropMulticastGroup":
                            break;
                        case "SetSocketOption":
                            if (access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } args }
                                && args[0].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IP" })
                            {
                                break;
                            }

                            continue;
                        default:
                            continue;
                    }

                    if (RefersTo(access.Expression, owner, model))
                    {
                        return name == "SetSocketOption" ? "SocketOptionLevel.IP options" : name;
                    }
                }
            }

            return null;
        }

        public static IEnumerable<InvocationExpressionSyntax> Invocations(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            foreach (var declaration in declarations)
            {
                // From the owner's identifiers (an index lookup) to the calls made on it, in document order.
                var found = new List<InvocationExpressionSyntax>();
                foreach (var identifier in IdentifierIndex.Named(declaration, owner.Name, cancellationToken))
                {
                    ExpressionSyntax named = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == identifier
                        ? self
                        : identifier;
                    if (named.Parent is not MemberAccessExpressionSyntax access || access.Expression != named)
                    {
                        continue;
                    }

                    // owner.Server.Start(): the call is made on the owner's socket.
                    if (access.Name.Identifier.ValueText is "Server" or "Client" && access.Parent is MemberAccessExpressionSyntax outer && outer.Expression == access
                        && outer.Parent is InvocationExpressionSyntax { } socketCall && socketCall.Expression == outer && RefersTo(access, owner, model))
                    {
                        found.Add(socketCall);
                    }

                    if (access.Parent is InvocationExpressionSyntax call && call.Expression == access && RefersTo(named, owner, model))
                    {
                        found.Add(call);
                    }
                }

                found.Sort((a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.Length.CompareTo(a.Span.Length));
                foreach (var invocation in found)
                {
                    yield return invocation;
                }
            }
        }

        /// <summary><paramref name="expression"/> names the owner, or its .Server/.Client socket.</summary>
        public static bool RefersTo(ExpressionSyntax expression, ISymbol owner, SemanticModel model)
        {
            if (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Server" or "Client" } inner
                && !(inner.Expression is ThisExpressionSyntax))
            {
                expression = inner.Expression;
            }

            var name = expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess => thisAccess.Name.Identifier.ValueText,
                _ => null,
            };
            if (name != owner.Name)
            {
                return false;
            }

            // Same tree: confirm with the semantic model. Another tree (partial type): the name is enough to stay safe.
            return expression.SyntaxTree != model.SyntaxTree
                || SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(expression).Symbol, owner);
        }

        public static SyntaxNode? MemberOf(SyntaxNode node)
            => node.FirstAncestorOrSelf<SyntaxNode>(n => (n is MemberDeclarationSyntax && n is not GlobalStatementSyntax) || n is CompilationUnitSyntax);

        private static bool IsInLoop(SyntaxNode node, SyntaxNode? stopAt)
        {
            for (var current = node.Parent; current is not null && current != stopAt; current = current.Parent)
            {
                if (current is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ForEachStatementSyntax)
                {
                    return true;
                }

                if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
