using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Which hard-coded addresses belong to the peer rules, so that DS0020/DS0021 stay silent where DS0040
    /// (a peer address compared as IPv4) or DS0041 (a forwarded-headers proxy list) speaks. Shared by both sides:
    /// DS0040/DS0041 decide what they report at these positions; DS0020/DS0021 leave every such position to them.
    /// <list type="bullet">
    /// <item>DS0040 owns an address that is one side of a comparison (<c>==</c>, <c>!=</c>, <c>Equals</c>,
    /// <c>string.Equals</c>, <c>StartsWith</c>/<c>EndsWith</c>/<c>Contains</c>, <c>is</c> patterns, <c>switch</c> cases)
    /// whose other side is a peer address (<see cref="IsPeerAddress"/>).</item>
    /// <item>DS0041 owns an entry of <c>ForwardedHeadersOptions.KnownProxies</c> / <c>KnownNetworks</c> /
    /// <c>KnownIPNetworks</c> (<c>Add</c> calls and collection initializers).</item>
    /// </list>
    /// Names are compared instead of resolved symbols so that the test costs nothing when ASP.NET Core is absent.
    /// </summary>
    internal static class PeerAddressOwnership
    {
        private const int MaxDepth = 4;

        /// <summary>
        /// Is the address that <paramref name="operation"/> writes (a string literal or interpolation, or an
        /// <c>IPAddress.Parse</c>/<c>new IPAddress(bytes)</c> of it) owned by DS0040 or DS0041?
        /// </summary>
        public static bool IsOwnedByPeerRules(IOperation operation)
        {
            var value = AddressValue(operation);
            return IsComparedWithPeer(value) || IsForwardedHeadersEntry(value);
        }

        /// <summary>
        /// The outermost operation that still denotes the written address: the literal, or the
        /// <c>IPAddress.Parse</c>/<c>TryParse</c>/<c>new IPAddress</c>/<c>IPNetwork</c>/<c>new IPEndPoint</c> built from it.
        /// </summary>
        public static IOperation AddressValue(IOperation operation)
        {
            var current = operation;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                        current = parent;
                        continue;
                    case IArrayElementReferenceOperation:
                        return current;
                    case IArrayInitializerOperation { Parent: IArrayCreationOperation creation } when creation.Parent is IArgumentOperation { Parent: IObjectCreationOperation ipCreation } && IsAddressType(ipCreation.Type):
                        current = ipCreation; // new IPAddress(new byte[] { 10, 0, 0, 1 })
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation invocation } when IsAddressFactory(invocation.TargetMethod):
                        current = invocation;
                        continue;
                    case IArgumentOperation { Parent: IObjectCreationOperation creation } when IsAddressType(creation.Type):
                        current = creation;
                        continue;
                    default:
                        return current;
                }
            }
        }

        /// <summary>Is <paramref name="value"/> one side of a comparison whose other side is a peer address?</summary>
        public static bool IsComparedWithPeer(IOperation value)
        {
            var parent = value.Parent;
            switch (parent)
            {
                case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                    return IsPeerAddress(binary.LeftOperand == value ? binary.RightOperand : binary.LeftOperand);

                case IInvocationOperation invocation when invocation.Instance == value && IsComparison(invocation.TargetMethod.Name):
                    // "10.0.0.1".Equals(peer)
                    return invocation.Arguments.Length > 0 && IsPeerAddress(invocation.Arguments[0].Value);

                case IArgumentOperation { Parent: IInvocationOperation invocation } when IsComparison(invocation.TargetMethod.Name):
                    if (invocation.Instance is not null && IsPeerAddress(invocation.Instance))
                    {
                        return true; // peer.Equals(x), peerText.StartsWith("10.")
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument != parent && IsPeerAddress(argument.Value))
                        {
                            return true; // string.Equals(peerText, "10.0.0.1"), object.Equals(a, b)
                        }
                    }

                    return false;

                case IConstantPatternOperation pattern:
                    return IsPeerAddress(PatternSubject(pattern));

                case ISingleValueCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation switchOperation } }:
                    return IsPeerAddress(switchOperation.Value);

                default:
                    return false;
            }
        }

        private static bool IsComparison(string name)
            => name is "Equals" or "StartsWith" or "EndsWith" or "Contains" or "CompareTo" or "Compare" or "IndexOf";

        private static IOperation? PatternSubject(IPatternOperation pattern)
        {
            IOperation? current = pattern;
            while (current is IPatternOperation)
            {
                current = current.Parent;
            }

            return current switch
            {
                IIsPatternOperation isPattern => isPattern.Value,
                ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } => switchExpression.Value,
                IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation switchOperation } } => switchOperation.Value,
                _ => null,
            };
        }

        /// <summary>
        /// A peer's address, as an <c>IPAddress</c>, endpoint or text: <c>Connection.RemoteIpAddress</c>,
        /// <c>RemoteEndPoint</c> (Socket, SocketAsyncEventArgs, receive results), <c>UserHostAddress</c>,
        /// <c>ServerVariables["REMOTE_ADDR"]</c>, <c>X-Forwarded-For</c>/<c>X-Real-IP</c> headers, the endpoint a
        /// <c>Receive(ref ep)</c>/<c>ReceiveFrom(ref ep)</c> fills, and values derived from them in the method
        /// (<c>.Address</c>, <c>ToString()</c>, <c>MapToIPv4()</c>, casts, locals).
        /// </summary>
        public static bool IsPeerAddress(IOperation? operation) => IsPeerAddress(operation, 0);

        private static bool IsPeerAddress(IOperation? operation, int depth)
        {
            if (operation is null || depth > MaxDepth)
            {
                return false;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return IsPeerAddress(conversion.Operand, depth);
                case IParenthesizedOperation parenthesized:
                    return IsPeerAddress(parenthesized.Operand, depth);
                case IConditionalAccessOperation conditionalAccess:
                    return IsPeerAddress(conditionalAccess.WhenNotNull, depth);
                case IConditionalAccessInstanceOperation instance:
                    return instance.Parent is not null && IsPeerAddress(ConditionalReceiver(instance), depth + 1);
                case ICoalesceOperation coalesce:
                    return IsPeerAddress(coalesce.Value, depth + 1);
                case IInvocationOperation invocation when invocation.Instance is not null
                    && invocation.TargetMethod.Name is "ToString" or "MapToIPv4" or "MapToIPv6" or "Trim" or "ToLowerInvariant" or "ToUpperInvariant":
                    return IsPeerAddress(invocation.Instance, depth + 1);
                case IPropertyReferenceOperation property:
                    return IsPeerProperty(property, depth);
                case ILocalReferenceOperation local:
                    return IsPeerLocal(local, depth);
                default:
                    return false;
            }
        }

        private static bool IsPeerProperty(IPropertyReferenceOperation property, int depth)
        {
            switch (property.Property.Name)
            {
                case "RemoteIpAddress":
                case "RemoteEndPoint":
                case "UserHostAddress":
                    return true;
                case "Address":
                    return property.Instance is not null && IsPeerAddress(property.Instance, depth + 1); // endpoint.Address
            }

            if (property.Property.IsIndexer && property.Arguments.Length == 1 && property.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key })
            {
                return key.Equals("REMOTE_ADDR", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("X-Forwarded-For", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase);
            }

            return false;
        }

        private static bool IsPeerLocal(ILocalReferenceOperation reference, int depth)
        {
            // An endpoint filled by Receive(ref ep) / ReceiveFrom(ref ep) / ReceiveMessageFrom(ref ep).
            var local = reference.Local;
            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                if (node is IArgumentOperation { Parameter.RefKind: RefKind.Ref, Value: ILocalReferenceOperation target, Parent: IInvocationOperation invocation }
                    && SymbolEqualityComparer.Default.Equals(target.Local, local)
                    && invocation.TargetMethod.Name.StartsWith("Receive", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            var writes = OperationHelpers.LocalWrites(reference);
            if (writes.IsDefaultOrEmpty)
            {
                return false;
            }

            foreach (var write in writes)
            {
                if (IsPeerAddress(write, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? ConditionalReceiver(IConditionalAccessInstanceOperation instance)
        {
            for (var current = instance.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation access)
                {
                    return access.Operation;
                }
            }

            return null;
        }

        /// <summary>Is <paramref name="value"/> an entry of a ForwardedHeadersOptions proxy or network list?</summary>
        public static bool IsForwardedHeadersEntry(IOperation value)
        {
            var current = value;

            // new IPNetwork(IPAddress.Parse("10.0.0.0"), 8) / new HttpOverrides.IPNetwork(...)
            if (current.Parent is IArgumentOperation { Parent: IObjectCreationOperation network } && network.Type?.Name == "IPNetwork")
            {
                current = network;
            }

            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation add } || add.TargetMethod.Name is not ("Add" or "Insert"))
            {
                return false;
            }

            // options.KnownProxies.Add(x)
            if (add.Instance is IPropertyReferenceOperation list)
            {
                return IsProxyList(list);
            }

            // new ForwardedHeadersOptions { KnownProxies = { x } }
            if (add.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                && add.Parent is IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } })
            {
                return IsProxyList(member);
            }

            return false;
        }

        private static bool IsProxyList(IPropertyReferenceOperation property)
            => property.Property.Name is "KnownProxies" or "KnownNetworks" or "KnownIPNetworks"
                && property.Property.ContainingType?.Name == "ForwardedHeadersOptions";

        private static bool IsAddressFactory(IMethodSymbol method)
            => method.Name is "Parse" or "TryParse" && IsAddressType(method.ContainingType);

        private static bool IsAddressType(ITypeSymbol? type)
            => type is not null && type.Name is "IPAddress" or "IPNetwork" or "IPEndPoint" && type.ContainingNamespace?.Name is "Net" or "HttpOverrides";
    }
}
