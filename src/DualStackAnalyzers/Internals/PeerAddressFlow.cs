using System.Collections.Generic;
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

        public static PeerTrace? Trace(IOperation? value, NetSymbols symbols)
            => Trace(value, symbols, 0, null);

        private static PeerTrace? Trace(IOperation? operation, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited)
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

            var result = TraceCore(operation, symbols, depth, visited);
            return result is not null && NetSymbols.Is(operation.Type, symbols.IPAddress) ? result.WithAddressNode(operation) : result;
        }

        private static PeerTrace? TraceCore(IOperation operation, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited)
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
                        return Trace(property.Instance, symbols, depth + 1, visited);
                    }

                    return null;

                case IFieldReferenceOperation field when field.Field.Name == "RemoteEndPoint"
                                                         && (NetSymbols.Is(field.Field.ContainingType, peers.SocketReceiveFromResult) || NetSymbols.Is(field.Field.ContainingType, peers.SocketReceiveMessageFromResult)):
                    return new PeerTrace(field, field.Field.ContainingType.Name + ".RemoteEndPoint", null);

                case IInvocationOperation invocation:
                    return TraceInvocation(invocation, symbols, depth, visited);

                case IConditionalAccessOperation conditionalAccess:
                    return Trace(conditionalAccess.WhenNotNull, symbols, depth + 1, visited);

                case IConditionalAccessInstanceOperation instance:
                    for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access && access.WhenNotNull.Syntax.Span.Contains(instance.Syntax.Span))
                        {
                            return Trace(access.Operation, symbols, depth + 1, visited);
                        }
                    }

                    return null;

                case ICoalesceOperation coalesce:
                    return Trace(coalesce.Value, symbols, depth + 1, visited);

                case IConditionalOperation conditional:
                    // `ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip` is the normalisation itself.
                    if (MentionsNormalisation(conditional.Condition.Syntax))
                    {
                        return null;
                    }

                    return Trace(conditional.WhenTrue, symbols, depth + 1, visited) ?? Trace(conditional.WhenFalse, symbols, depth + 1, visited);

                case IArrayElementReferenceOperation element:
                    return Trace(element.ArrayReference, symbols, depth + 1, visited);

                case ILocalReferenceOperation local:
                    return TraceLocal(local, symbols, depth, visited);

                default:
                    return null;
            }
        }

        private static PeerTrace? TraceInvocation(IInvocationOperation invocation, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited)
        {
            var method = invocation.TargetMethod;
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
                    var instanceType = invocation.Instance.Type;
                    if (method.Name != "ToString" && instanceType?.SpecialType != SpecialType.System_String)
                    {
                        return null;
                    }

                    return Trace(invocation.Instance, symbols, depth + 1, visited);

                default:
                    // MapToIPv4() normalises; MapToIPv6() and every other method end the trace.
                    return null;
            }
        }

        private static PeerTrace? TraceLocal(ILocalReferenceOperation reference, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited)
        {
            var local = reference.Local;
            visited ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            if (!visited.Add(local))
            {
                return null;
            }

            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                PeerTrace? found = null;
                switch (node)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        found = Trace(declarator.GetVariableInitializer()?.Value, symbols, depth + 1, visited);
                        break;

                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        found = Trace(assignment.Value, symbols, depth + 1, visited);
                        break;

                    // socket.ReceiveFrom(buffer, ref remote), udp.Receive(ref remote)
                    case IArgumentOperation { Value: ILocalReferenceOperation argumentLocal } argument
                        when SymbolEqualityComparer.Default.Equals(argumentLocal.Local, local)
                             && argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out
                             && FillsRemoteEndPoint(argument, symbols) is { } filler:
                        found = new PeerTrace(argument, filler, null);
                        break;

                    // `remote is IPEndPoint ep`
                    case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local)
                                                                   && pattern.Parent is IIsPatternOperation isPattern:
                        found = Trace(isPattern.Value, symbols, depth + 1, visited);
                        break;
                }

                if (found is not null)
                {
                    return found;
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
        {
            foreach (var token in node.DescendantTokens())
            {
                if (token.ValueText is "IsIPv4MappedToIPv6" or "MapToIPv4")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// rules.md: comparisons after any normalisation earlier in the method are silent. True when the body that holds
        /// <paramref name="comparison"/> tests IsIPv4MappedToIPv6 or calls MapToIPv4 before the comparison ends.
        /// </summary>
        public static bool NormalisedEarlier(IOperation comparison)
        {
            var body = OperationHelpers.Root(comparison).Syntax;
            var end = comparison.Syntax.Span.End;
            foreach (var token in body.DescendantTokens())
            {
                if (token.SpanStart >= end)
                {
                    return false;
                }

                if (token.ValueText is "IsIPv4MappedToIPv6" or "MapToIPv4")
                {
                    return true;
                }
            }

            return false;
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
