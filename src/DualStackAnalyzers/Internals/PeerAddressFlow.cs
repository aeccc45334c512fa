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
                    return ConditionalAccessOf(instance) is { } access ? Trace(access.Operation, symbols, depth + 1, visited) : null;

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

        /// <summary>
        /// A local holds what its last write before the use wrote (source order; enough for straight-line code). A write
        /// that normalises (<c>ip = ip.MapToIPv4()</c>, a conditional on IsIPv4MappedToIPv6) or calls a user method ends the trace.
        /// </summary>
        private static PeerTrace? TraceLocal(ILocalReferenceOperation reference, NetSymbols symbols, int depth, HashSet<ILocalSymbol>? visited)
        {
            var local = reference.Local;
            visited ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            if (!visited.Add(local))
            {
                return null;
            }

            var position = reference.Syntax.SpanStart;
            IOperation? lastWrite = null;
            var lastStart = -1;
            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                var write = WriteOf(node, local);
                if (write is null)
                {
                    continue;
                }

                // The write's own position: where the value is stored (the end of the assignment or declarator).
                var start = node.Syntax.Span.End;
                if (start <= position && start > lastStart)
                {
                    lastWrite = node;
                    lastStart = start;
                }
            }

            PeerTrace? result;
            switch (lastWrite)
            {
                case null:
                    result = null;
                    break;
                case IArgumentOperation argument:
                    result = FillsRemoteEndPoint(argument, symbols) is { } filler ? new PeerTrace(argument, filler, null) : null;
                    break;
                case IDeclarationPatternOperation { Parent: IIsPatternOperation isPattern }:
                    result = Trace(isPattern.Value, symbols, depth + 1, visited);
                    break;
                default:
                    result = Trace(WriteOf(lastWrite, local), symbols, depth + 1, visited);
                    break;
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
        /// rules.md: comparisons after a normalisation earlier in the method are silent. Locals are followed write by write
        /// (see <see cref="TraceLocal"/>); this covers the rest: a member that is assigned a normalised value before the
        /// comparison (<c>context.Connection.RemoteIpAddress = ip.MapToIPv4();</c>).
        /// </summary>
        public static bool NormalisedEarlier(IOperation comparison)
        {
            var position = comparison.Syntax.SpanStart;
            foreach (var node in OperationHelpers.Root(comparison).Descendants())
            {
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
            var tests = false;
            foreach (var node in condition.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalExpressionSyntax:
                    case Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MapToIPv4" } }:
                        return false;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: "IsIPv4MappedToIPv6" }:
                        tests = true;
                        break;
                }
            }

            return tests;
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
