using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Where a value that holds a peer's address came from.</summary>
    internal sealed class PeerTrace
    {
        public PeerTrace(IOperation source, string sourceDisplay, IOperation? addressNode)
        {
            Source = source;
            SourceDisplay = sourceDisplay;
            AddressNode = addressNode;
        }

        /// <summary>The peer source: <c>Connection.RemoteIpAddress</c>, <c>Socket.RemoteEndPoint</c>, the endpoint argument of ReceiveFrom, ...</summary>
        public IOperation Source { get; }

        /// <summary>How a message names the source.</summary>
        public string SourceDisplay { get; }

        /// <summary>
        /// The IPAddress-typed expression on the way from the source to the use that is closest to the use: what a fix
        /// normalises. Null when the value never is an IPAddress (endpoint text).
        /// </summary>
        public IOperation? AddressNode { get; }

        public PeerTrace WithAddressNode(IOperation node) => new PeerTrace(Source, SourceDisplay, node);
    }

    /// <summary>How far a trace goes, and the token that stops it (every walk over a body checks it).</summary>
    internal readonly struct PeerTraceOptions
    {
        public PeerTraceOptions(bool throughNormalisation, CancellationToken cancellationToken)
        {
            ThroughNormalisation = throughNormalisation;
            CancellationToken = cancellationToken;
        }

        /// <summary>
        /// MapToIPv4/MapToIPv6, conditionals on IsIPv4MappedToIPv6 and address-to-address helpers do not end the trace, and a
        /// local is followed through any earlier write: where a peer value is, normalised or not (LiteralOwnership).
        /// </summary>
        public bool ThroughNormalisation { get; }

        public CancellationToken CancellationToken { get; }
    }

    /// <summary>
    /// Follows a value back to a peer address (DS0040): <c>HttpContext.Connection.RemoteIpAddress</c>,
    /// <c>IHttpConnectionFeature.RemoteIpAddress</c>, <c>ConnectionContext.RemoteEndPoint</c>, <c>Socket.RemoteEndPoint</c>
    /// (also of accepted sockets), the results of ReceiveAsync/ReceiveFromAsync, endpoints filled by ReceiveFrom/Receive,
    /// and what the method derives from them (casts, <c>.Address</c>, <c>ToString()</c>, string pieces, locals).
    /// A normalisation (<c>MapToIPv4()</c>, a conditional on <c>IsIPv4MappedToIPv6</c>) and any user method end the trace.
    /// </summary>
    internal static class PeerAddressFlow
    {
        private const int MaxDepth = 8;

        public static PeerTrace? Trace(IOperation? value, NetSymbols symbols, CancellationToken cancellationToken)
            => Trace(value, symbols, 0, null, new PeerTraceOptions(false, cancellationToken));

        public static PeerTrace? Trace(IOperation? value, NetSymbols symbols, PeerTraceOptions options)
            => Trace(value, symbols, 0, null, options);

        private static PeerTrace? Trace(IOperation? operation, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited, PeerTraceOptions through)
        {
            if (operation is null || depth > MaxDepth)
            {
                return null;
            }

            // Each level that is an IPAddress replaces the deeper one: the last replacement is the node closest to the use.
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null)
            {
                return null;
            }

            var result = TraceCore(operation, symbols, depth, visited, through);
            return result is not null && NetSymbols.Is(operation.Type, symbols.IPAddress) ? result.WithAddressNode(operation) : result;
        }

        private static PeerTrace? TraceCore(IOperation operation, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited, PeerTraceOptions through)
        {
            var peers = symbols.Peers;
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    var source = PeerProperty(property.Property, symbols, peers);
                    if (source is not null)
                    {
                        return new PeerTrace(property, source, NetSymbols.Is(property.Type, symbols.IPAddress) ? property : null);
                    }

                    // endpoint.Address
                    if (property.Property.Name == "Address" && NetSymbols.Is(property.Property.ContainingType, symbols.IPEndPoint))
                    {
                        return Trace(property.Instance, symbols, depth + 1, visited, through);
                    }

                    return null;

                case IFieldReferenceOperation field when field.Field.Name == "RemoteEndPoint"
                                                         && (NetSymbols.Is(field.Field.ContainingType, peers.SocketReceiveFromResult) || NetSymbols.Is(field.Field.ContainingType, peers.SocketReceiveMessageFromResult)):
                    return new PeerTrace(field, field.Field.ContainingType.Name + ".RemoteEndPoint", null);

                case IInvocationOperation invocation:
                    return TraceInvocation(invocation, symbols, depth, visited, through);

                case IConditionalAccessOperation conditionalAccess:
                    return Trace(conditionalAccess.WhenNotNull, symbols, depth + 1, visited, through);

                case IConditionalAccessInstanceOperation instance:
                    return ConditionalAccessOf(instance) is { } access ? Trace(access.Operation, symbols, depth + 1, visited, through) : null;

                case ICoalesceOperation coalesce:
                    return Trace(coalesce.Value, symbols, depth + 1, visited, through);

                case IConditionalOperation conditional:
                    // `ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip` is the normalisation itself.
                    if (!through.ThroughNormalisation && MentionsNormalisation(conditional.Condition.Syntax))
                    {
                        return null;
                    }

                    return Trace(conditional.WhenTrue, symbols, depth + 1, visited, through) ?? Trace(conditional.WhenFalse, symbols, depth + 1, visited, through);

                case IArrayElementReferenceOperation element:
                    return Trace(element.ArrayReference, symbols, depth + 1, visited, through);

                case ILocalReferenceOperation local:
                    return TraceLocal(local, symbols, depth, visited, through);

                default:
                    return null;
            }
        }

        private static PeerTrace? TraceInvocation(IInvocationOperation invocation, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited, PeerTraceOptions through)
        {
            var method = invocation.TargetMethod;
            // Through normalisations, an address-to-address helper (our fix's NormalizeMapped, a user's own) keeps the peer.
            if (through.ThroughNormalisation && invocation.Arguments.Length == 1 && NetSymbols.Is(method.ReturnType, symbols.IPAddress)
                && NetSymbols.Is(invocation.Arguments[0].Value.Type, symbols.IPAddress))
            {
                return Trace(invocation.Arguments[0].Value, symbols, depth + 1, visited, through);
            }

            if (method.IsStatic || invocation.Instance is null)
            {
                return null;
            }

            switch (method.Name)
            {
                // Text of the address or endpoint, and pieces of that text.
                case "ToString" when method.Parameters.Length == 0:
                case "Split":
                case "Substring":
                case "Trim":
                case "TrimStart":
                case "TrimEnd":
                case "ToLower":
                case "ToLowerInvariant":
                case "ToUpper":
                case "ToUpperInvariant":
                case "AsSpan":
                case "MapToIPv4" when through.ThroughNormalisation:
                case "MapToIPv6" when through.ThroughNormalisation:
                    var instanceType = invocation.Instance.Type;
                    if (method.Name is not ("ToString" or "MapToIPv4" or "MapToIPv6") && instanceType?.SpecialType != SpecialType.System_String)
                    {
                        return null;
                    }

                    return Trace(invocation.Instance, symbols, depth + 1, visited, through);

                default:
                    // MapToIPv4() normalises; MapToIPv6() and every other method end the trace.
                    return null;
            }
        }

        /// <summary>
        /// A local holds what its last write before the use wrote (source order; enough for straight-line code). A write
        /// that normalises (<c>ip = ip.MapToIPv4()</c>, a conditional on IsIPv4MappedToIPv6) or calls a user method ends the trace.
        /// </summary>
        private static PeerTrace? TraceLocal(ILocalReferenceOperation reference, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited, PeerTraceOptions through)
        {
            var local = reference.Local;
            visited ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            if (!visited.Add(local))
            {
                return null;
            }

            // Writes before the use, the last one first. Normally only the last one counts; through normalisations, the
            // latest one that holds a peer (`ip = ip.MapToIPv4()` leads back to the first write).
            var position = reference.Syntax.SpanStart;
            var writes = new List<(int End, IOperation Node)>();
            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                through.CancellationToken.ThrowIfCancellationRequested();
                if (WriteOf(node, local) is not null && node.Syntax.Span.End <= position)
                {
                    writes.Add((node.Syntax.Span.End, node));
                }
            }

            writes.Sort((a, b) => b.End.CompareTo(a.End));
            PeerTrace? result = null;
            foreach (var (_, write) in writes)
            {
                result = write switch
                {
                    IArgumentOperation argument => FillsRemoteEndPoint(argument, symbols) is { } filler ? new PeerTrace(argument, filler, null) : null,
                    IDeclarationPatternOperation { Parent: IIsPatternOperation isPattern } => Trace(isPattern.Value, symbols, depth + 1, visited, through),
                    _ => Trace(WriteOf(write, local), symbols, depth + 1, visited, through),
                };
                if (result is not null || !through.ThroughNormalisation)
                {
                    break;
                }
            }

            visited.Remove(local);
            return result;
        }

        /// <summary>The value a node writes to <paramref name="local"/>; the node itself for ref arguments and patterns; null otherwise.</summary>
        private static IOperation? WriteOf(IOperation node, ILocalSymbol local)
        {
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    return declarator.GetVariableInitializer()?.Value;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return assignment.Value;
                case IArgumentOperation { Value: ILocalReferenceOperation argumentLocal } argument
                    when SymbolEqualityComparer.Default.Equals(argumentLocal.Local, local) && argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out:
                    return argument;
                case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local):
                    return pattern;
                default:
                    return null;
            }
        }

        /// <summary>The <c>a?.b</c> whose <c>a</c> the instance stands for: the nearest one reached through its WhenNotNull.</summary>
        public static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
        {
            IOperation child = instance;
            for (var parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
                {
                    return access;
                }
            }

            return null;
        }

        /// <summary>Is <paramref name="property"/> a peer address? Returns how to name it, or null.</summary>
        private static string? PeerProperty(IPropertySymbol property, NetSymbols symbols, PeerSymbols peers)
        {
            switch (property.Name)
            {
                case "RemoteIpAddress":
                    if (DerivesFrom(property.ContainingType, peers.ConnectionInfo))
                    {
                        return "Connection.RemoteIpAddress";
                    }

                    if (Implements(property.ContainingType, peers.HttpConnectionFeature))
                    {
                        return "IHttpConnectionFeature.RemoteIpAddress";
                    }

                    return null;

                case "RemoteEndPoint":
                    if (DerivesFrom(property.ContainingType, symbols.Socket))
                    {
                        return "Socket.RemoteEndPoint";
                    }

                    if (NetSymbols.Is(property.ContainingType, peers.UdpReceiveResult))
                    {
                        return "UdpReceiveResult.RemoteEndPoint";
                    }

                    if (DerivesFrom(property.ContainingType, peers.BaseConnectionContext))
                    {
                        return "ConnectionContext.RemoteEndPoint";
                    }

                    return null;

                default:
                    return null;
            }
        }

        /// <summary>ReceiveFrom/ReceiveMessageFrom/EndReceiveFrom (Socket) and Receive/EndReceive (UdpClient) fill their ref endpoint with the sender.</summary>
        private static string? FillsRemoteEndPoint(IArgumentOperation argument, NetSymbols symbols)
        {
            if (argument.Parent is not IInvocationOperation { TargetMethod: var method })
            {
                return null;
            }

            var parameterType = argument.Parameter!.Type;
            if (!NetSymbols.Is(parameterType, symbols.EndPoint) && !NetSymbols.Is(parameterType, symbols.IPEndPoint))
            {
                return null;
            }

            if (DerivesFrom(method.ContainingType, symbols.Socket) && method.Name.IndexOf("ReceiveFrom", System.StringComparison.Ordinal) >= 0
                || DerivesFrom(method.ContainingType, symbols.Socket) && method.Name.IndexOf("ReceiveMessageFrom", System.StringComparison.Ordinal) >= 0)
            {
                return "Socket." + method.Name;
            }

            if (DerivesFrom(method.ContainingType, symbols.UdpClient) && (method.Name == "Receive" || method.Name == "EndReceive"))
            {
                return "UdpClient." + method.Name;
            }

            return null;
        }

        /// <summary>Does the expression test or apply the IPv4-mapped normalisation?</summary>
        public static bool MentionsNormalisation(SyntaxNode node)
            => node.DescendantTokens().Any(token => token.ValueText is "IsIPv4MappedToIPv6" or "MapToIPv4"); // one expression: bounded

        /// <summary>
        /// rules.md: comparisons after a normalisation earlier in the method are silent. Locals are followed write by write
        /// (see <see cref="TraceLocal"/>); this covers the rest: a member that is assigned a normalised value before the
        /// comparison (<c>context.Connection.RemoteIpAddress = ip.MapToIPv4();</c>).
        /// </summary>
        public static bool NormalisedEarlier(IOperation comparison, CancellationToken cancellationToken)
        {
            var position = comparison.Syntax.SpanStart;
            foreach (var node in OperationHelpers.Root(comparison).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node.Syntax.SpanStart >= position)
                {
                    continue;
                }

                if (node is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation or IFieldReferenceOperation } assignment
                    && MentionsNormalisation(assignment.Value.Syntax))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Inside a branch whose condition tests IsIPv4MappedToIPv6 (<c>if (!ip.IsIPv4MappedToIPv6) …</c>, <c>a.IsIPv4MappedToIPv6 ? … : …</c>,
        /// <c>!ip.IsIPv4MappedToIPv6 &amp;&amp; …</c>): the code already tells mapped addresses apart.
        /// </summary>
        public static bool InsideMappedBranch(SyntaxNode node)
        {
            var child = node;
            for (var current = node.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case Microsoft.CodeAnalysis.CSharp.Syntax.IfStatementSyntax ifStatement when child != ifStatement.Condition && TestsMapped(ifStatement.Condition):
                    case Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalExpressionSyntax conditional when child != conditional.Condition && TestsMapped(conditional.Condition):
                        return true;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax binary
                        when (binary.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalAndExpression) || binary.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalOrExpression))
                             && child == binary.Right && TestsMapped(binary.Left):
                        return true;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>A condition that tests IsIPv4MappedToIPv6 itself (not one that merely contains a normalised comparison).</summary>
        private static bool TestsMapped(SyntaxNode condition)
        {
            // One condition: a bounded walk.
            var nodes = condition.DescendantNodesAndSelf();
            return nodes.Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: "IsIPv4MappedToIPv6" })
                && !nodes.Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalExpressionSyntax
                    || n is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MapToIPv4" } });
        }

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? expected)
        {
            if (expected is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol? expected)
        {
            if (type is null || expected is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected))
            {
                return true;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, expected))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
