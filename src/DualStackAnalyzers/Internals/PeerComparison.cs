using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum PeerComparisonKind
    {
        /// <summary><c>peer.Equals(ipv4)</c>, <c>ipv4.Equals(peer)</c>, <c>object.Equals(peer, ipv4)</c>.</summary>
        AddressEquals,

        /// <summary><c>peer == ipv4</c> / <c>!=</c> on IPAddress (a reference comparison).</summary>
        AddressReferenceEquals,

        /// <summary><c>text == "10.0.0.7"</c>, <c>text.Equals("10.0.0.7")</c>, <c>text is "10.0.0.7"</c>.</summary>
        TextEquals,

        /// <summary><c>text.StartsWith("10.")</c>.</summary>
        TextPrefix,

        /// <summary><c>Regex.IsMatch(text, @"^10\.")</c> and instance regexes with an IPv4 pattern.</summary>
        Regex,

        /// <summary><c>allowList.Contains(peer)</c> where the list holds IPv4 entries only.</summary>
        CollectionContains,

        /// <summary><c>IPAddress.IsLoopback(peer)</c> where the target does not recognise ::ffff:127.0.0.1.</summary>
        IsLoopback,

        /// <summary><c>network.Contains(peer)</c> where Contains does not match IPv4-mapped addresses.</summary>
        NetworkContains,
    }

    /// <summary>A comparison of a peer address with IPv4 (DS0040): what is compared, with what, and where the peer came from.</summary>
    internal sealed class PeerComparison
    {
        private PeerComparison(PeerComparisonKind kind, IOperation operation, IOperation peerOperand, IOperation? other, string otherDisplay, PeerTrace trace)
        {
            Kind = kind;
            Operation = operation;
            PeerOperand = peerOperand;
            Other = other;
            OtherDisplay = otherDisplay;
            Trace = trace;
        }

        public PeerComparisonKind Kind { get; }

        /// <summary>The comparison (invocation, binary operator or pattern): the diagnostic's location.</summary>
        public IOperation Operation { get; }

        /// <summary>The operand that holds the peer value.</summary>
        public IOperation PeerOperand { get; }

        /// <summary>What the peer is compared with (the IPv4 address, text, pattern, list or network), when it is an operand.</summary>
        public IOperation? Other { get; }

        /// <summary>How the message names what the peer is compared with.</summary>
        public string OtherDisplay { get; }

        public PeerTrace Trace { get; }

        /// <summary>The comparison is <c>Equals(IPAddress.Loopback)</c> (or <c>== IPAddress.Loopback</c>): the fix uses IPAddress.IsLoopback.</summary>
        public bool ComparesWithLoopbackField
            => (Kind == PeerComparisonKind.AddressEquals || Kind == PeerComparisonKind.AddressReferenceEquals)
               && OperationHelpers.SkipConversions(Other) is IFieldReferenceOperation { Field.Name: "Loopback" };

        /// <summary>Cheap check on the callee's name, before any symbol work.</summary>
        public static bool IsCandidateName(string name)
            => name is "Equals" or "StartsWith" or "IsMatch" or "Match" or "Contains" or "IsLoopback";

        public static PeerComparison? TryMatch(IOperation operation, NetSymbols symbols, TargetFramework target)
        {
            switch (operation)
            {
                case IInvocationOperation invocation when IsCandidateName(invocation.TargetMethod.Name):
                    return MatchInvocation(invocation, symbols, target);
                case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                    return MatchBinary(binary, symbols);
                case IIsPatternOperation isPattern:
                    return MatchPattern(isPattern, symbols);
                default:
                    return null;
            }
        }

        private static PeerComparison? MatchInvocation(IInvocationOperation invocation, NetSymbols symbols, TargetFramework target)
        {
            var method = invocation.TargetMethod;
            var arguments = invocation.Arguments;
            var peers = symbols.Peers;
            switch (method.Name)
            {
                case "Equals" when !method.IsStatic && arguments.Length == 1 && invocation.Instance is not null:
                    if (NetSymbols.Is(method.ContainingType, symbols.IPAddress))
                    {
                        return AddressPair(PeerComparisonKind.AddressEquals, invocation, invocation.Instance, arguments[0].Value, symbols);
                    }

                    if (method.ContainingType.SpecialType == SpecialType.System_String)
                    {
                        return TextPair(invocation, invocation.Instance, arguments[0].Value, symbols);
                    }

                    return null;

                // object.Equals(a, b), string.Equals(a, b[, comparison])
                case "Equals" when method.IsStatic && arguments.Length >= 2:
                    if (method.ContainingType.SpecialType == SpecialType.System_String)
                    {
                        return TextPair(invocation, arguments[0].Value, arguments[1].Value, symbols);
                    }

                    if (method.ContainingType.SpecialType == SpecialType.System_Object)
                    {
                        return AddressPair(PeerComparisonKind.AddressEquals, invocation, arguments[0].Value, arguments[1].Value, symbols);
                    }

                    return null;

                case "StartsWith" when !method.IsStatic && method.ContainingType.SpecialType == SpecialType.System_String && arguments.Length >= 1 && invocation.Instance is not null:
                    if (OperationHelpers.SkipConversions(arguments[0].Value)?.ConstantValue is { HasValue: true, Value: string prefix }
                        && KnownAddressValues.IsIPv4Prefix(prefix)
                        && PeerAddressFlow.Trace(invocation.Instance, symbols) is { } prefixTrace)
                    {
                        return new PeerComparison(PeerComparisonKind.TextPrefix, invocation, invocation.Instance, arguments[0].Value, "the prefix \"" + prefix + "\"", prefixTrace);
                    }

                    return null;

                case "IsMatch" or "Match":
                    return MatchRegex(invocation, symbols);

                case "IsLoopback" when method.IsStatic && arguments.Length == 1 && NetSymbols.Is(method.ContainingType, symbols.IPAddress):
                    // IsLoopback(::ffff:127.0.0.1) is false before .NET Core 3.0 (rules.md, Know the target).
                    if (target.Family == TargetFamily.NetCore && target.Version.Major >= 3)
                    {
                        return null;
                    }

                    return PeerAddressFlow.Trace(arguments[0].Value, symbols) is { } loopbackTrace
                        ? new PeerComparison(PeerComparisonKind.IsLoopback, invocation, arguments[0].Value, null, "IPv4 loopback (IPAddress.IsLoopback does not recognise ::ffff:127.0.0.1 before .NET Core 3.0)", loopbackTrace)
                        : null;

                case "Contains":
                    return MatchContains(invocation, symbols, target, peers);

                default:
                    return null;
            }
        }

        private static PeerComparison? AddressPair(PeerComparisonKind kind, IOperation operation, IOperation left, IOperation right, NetSymbols symbols)
        {
            // Cheap side first: the IPv4 constant.
            var rightAddress = KnownAddressValues.OfAddress(right, symbols);
            if (IsPeerLikeIPv4(rightAddress) && PeerAddressFlow.Trace(left, symbols) is { } leftTrace)
            {
                return new PeerComparison(kind, operation, left, right, "IPv4 " + rightAddress.Display, leftTrace);
            }

            var leftAddress = KnownAddressValues.OfAddress(left, symbols);
            if (IsPeerLikeIPv4(leftAddress) && PeerAddressFlow.Trace(right, symbols) is { } rightTrace)
            {
                return new PeerComparison(kind, operation, right, left, "IPv4 " + leftAddress.Display, rightTrace);
            }

            return null;
        }

        /// <summary>
        /// An IPv4 address a peer can have. IPAddress.Any, Broadcast and None (0.0.0.0, 255.255.255.255) are sentinels
        /// ("nothing received yet"): no client has them, so a comparison with them does not change behind a dual-stack listener.
        /// </summary>
        private static bool IsPeerLikeIPv4(KnownAddress address)
            => address.Family == KnownFamily.IPv4
               && address.Display is not ("IPAddress.Any" or "IPAddress.Broadcast" or "IPAddress.None" or "\"0.0.0.0\"" or "\"255.255.255.255\"");

        private static PeerComparison? TextPair(IOperation operation, IOperation left, IOperation right, NetSymbols symbols)
        {
            if (IPv4Text(right) is { } rightText && PeerAddressFlow.Trace(left, symbols) is { } leftTrace)
            {
                return new PeerComparison(PeerComparisonKind.TextEquals, operation, left, right, "the IPv4 text \"" + rightText + "\"", leftTrace);
            }

            if (IPv4Text(left) is { } leftText && PeerAddressFlow.Trace(right, symbols) is { } rightTrace)
            {
                return new PeerComparison(PeerComparisonKind.TextEquals, operation, right, left, "the IPv4 text \"" + leftText + "\"", rightTrace);
            }

            return null;
        }

        private static string? IPv4Text(IOperation operation)
            => OperationHelpers.SkipConversions(operation)?.ConstantValue is { HasValue: true, Value: string text } && KnownAddressValues.IsIPv4OrIPv4HostPort(text)
               && !text.StartsWith("0.0.0.0", StringComparison.Ordinal) && !text.StartsWith("255.255.255.255", StringComparison.Ordinal)
                ? text
                : null;

        private static PeerComparison? MatchBinary(IBinaryOperation binary, NetSymbols symbols)
        {
            var left = OperationHelpers.SkipConversions(binary.LeftOperand)!;
            var right = OperationHelpers.SkipConversions(binary.RightOperand)!;
            if (left is null || right is null)
            {
                return null;
            }

            if (left.Type?.SpecialType == SpecialType.System_String || right.Type?.SpecialType == SpecialType.System_String)
            {
                return TextPair(binary, binary.LeftOperand, binary.RightOperand, symbols);
            }

            if (binary.OperatorMethod is null && (NetSymbols.Is(left.Type, symbols.IPAddress) || NetSymbols.Is(right.Type, symbols.IPAddress)))
            {
                return AddressPair(PeerComparisonKind.AddressReferenceEquals, binary, binary.LeftOperand, binary.RightOperand, symbols);
            }

            return null;
        }

        /// <summary><c>text is "10.0.0.7"</c>, <c>text is "10.0.0.7" or "10.0.0.8"</c>.</summary>
        private static PeerComparison? MatchPattern(IIsPatternOperation isPattern, NetSymbols symbols)
        {
            if (isPattern.Value.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var text = FirstIPv4Constant(isPattern.Pattern);
            return text is not null && PeerAddressFlow.Trace(isPattern.Value, symbols) is { } trace
                ? new PeerComparison(PeerComparisonKind.TextEquals, isPattern, isPattern.Value, null, "the IPv4 text \"" + text + "\"", trace)
                : null;
        }

        private static string? FirstIPv4Constant(IPatternOperation pattern)
        {
            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    return IPv4Text(constant.Value);
                case IBinaryPatternOperation binaryPattern:
                    return FirstIPv4Constant(binaryPattern.LeftPattern) ?? FirstIPv4Constant(binaryPattern.RightPattern);
                case INegatedPatternOperation negated:
                    return FirstIPv4Constant(negated.Pattern);
                default:
                    return null;
            }
        }

        private static PeerComparison? MatchRegex(IInvocationOperation invocation, NetSymbols symbols)
        {
            var method = invocation.TargetMethod;
            var regexType = symbols.Peers.Regex;
            if (regexType is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, regexType))
            {
                return null;
            }

            IOperation? input = null;
            string? pattern = null;
            IOperation? patternOperation = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "input":
                        input = argument.Value;
                        break;
                    case "pattern":
                        patternOperation = argument.Value;
                        pattern = OperationHelpers.SkipConversions(argument.Value)?.ConstantValue.Value as string;
                        break;
                }
            }

            if (!method.IsStatic)
            {
                patternOperation = invocation.Instance;
                pattern = InstancePattern(invocation.Instance);
            }

            if (input is null || pattern is null || !KnownAddressValues.IsIPv4Pattern(pattern))
            {
                return null;
            }

            var trace = PeerAddressFlow.Trace(input, symbols);
            return trace is null ? null : new PeerComparison(PeerComparisonKind.Regex, invocation, input, patternOperation, "the IPv4 pattern \"" + pattern + "\"", trace);
        }

        /// <summary>The pattern of a Regex instance: <c>new Regex("…")</c> through a local or readonly field, or a [GeneratedRegex] method.</summary>
        private static string? InstancePattern(IOperation? instance)
        {
            instance = OperationHelpers.SkipConversions(instance);
            switch (instance)
            {
                case IObjectCreationOperation creation:
                    return creation.Arguments.Length >= 1 ? OperationHelpers.SkipConversions(creation.Arguments[0].Value)?.ConstantValue.Value as string : null;

                case ILocalReferenceOperation local:
                    var writes = OperationHelpers.LocalWrites(local);
                    return !writes.IsDefault && writes.Length == 1 ? InstancePattern(writes[0]) : null;

                case IFieldReferenceOperation { Field.IsReadOnly: true } field when instance.SemanticModel is { } model:
                    foreach (var reference in field.Field.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == model.SyntaxTree && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                        {
                            return InstancePattern(model.GetOperation(value));
                        }
                    }

                    return null;

                case IInvocationOperation { TargetMethod: { IsPartialDefinition: true } or { PartialDefinitionPart: not null } } generated:
                    var definition = generated.TargetMethod.PartialDefinitionPart ?? generated.TargetMethod;
                    foreach (var attribute in definition.GetAttributes())
                    {
                        if (attribute.AttributeClass?.Name == "GeneratedRegexAttribute" && attribute.ConstructorArguments.Length >= 1)
                        {
                            return attribute.ConstructorArguments[0].Value as string;
                        }
                    }

                    return null;

                default:
                    return null;
            }
        }

        private static PeerComparison? MatchContains(IInvocationOperation invocation, NetSymbols symbols, TargetFramework target, PeerSymbols peers)
        {
            var method = invocation.TargetMethod;
            IOperation? collection;
            IOperation value;
            // Enumerable.Contains, and MemoryExtensions.Contains that C# 14 picks for arrays (first-class spans).
            if (method.IsStatic && method.IsExtensionMethod && invocation.Arguments.Length == 2
                && (NetSymbols.Is(method.ContainingType, peers.Enumerable) || NetSymbols.Is(method.ContainingType, peers.MemoryExtensions)))
            {
                collection = invocation.Arguments[0].Value;
                value = invocation.Arguments[1].Value;
            }
            else if (!method.IsStatic && invocation.Arguments.Length == 1 && invocation.Instance is not null)
            {
                collection = invocation.Instance;
                value = invocation.Arguments[0].Value;
            }
            else
            {
                return null;
            }

            var containingType = method.ContainingType;
            if (containingType.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            // network.Contains(peer)
            var systemNetwork = NetSymbols.Is(containingType, peers.SystemIPNetwork);
            if (systemNetwork || NetSymbols.Is(containingType, peers.HttpOverridesIPNetwork))
            {
                // System.Net.IPNetwork.Contains matches mapped addresses from .NET 9 (ground truth #8); HttpOverrides' never does.
                if (systemNetwork && !(target.Family == TargetFamily.NetCore && target.Version.Major < 9))
                {
                    return null;
                }

                var network = KnownAddressValues.OfNetwork(collection, symbols);
                if (network.Family == KnownFamily.IPv6 || network.Family == KnownFamily.IPv4Mapped)
                {
                    return null;
                }

                var trace = PeerAddressFlow.Trace(value, symbols);
                if (trace is null)
                {
                    return null;
                }

                var display = (network.Family == KnownFamily.IPv4 ? "the IPv4 network " + network.Display : "the network '" + Shorten(collection.Syntax.ToString()) + "'")
                    + (systemNetwork ? " (IPNetwork.Contains before .NET 9 is false when the families differ)" : " (HttpOverrides.IPNetwork.Contains is false when the families differ)");
                return new PeerComparison(PeerComparisonKind.NetworkContains, invocation, value, collection, display, trace);
            }

            // allowList.Contains(peer) with IPv4 entries only.
            var entries = IPv4Entries(collection, symbols);
            if (entries is null)
            {
                return null;
            }

            var listTrace = PeerAddressFlow.Trace(value, symbols);
            return listTrace is null ? null : new PeerComparison(PeerComparisonKind.CollectionContains, invocation, value, collection, "a list of IPv4 entries (" + entries + ")", listTrace);
        }

        /// <summary>
        /// The entries of a collection written in code (array, collection initializer or expression, through a local or
        /// readonly field of the same tree) when they are all IPv4 addresses or IPv4 text; null otherwise.
        /// </summary>
        private static string? IPv4Entries(IOperation? collection, NetSymbols symbols)
        {
            var elements = CollectionElements(collection, 0);
            if (elements.IsDefaultOrEmpty)
            {
                return null;
            }

            string? first = null;
            foreach (var element in elements)
            {
                string? display;
                if (IPv4Text(element) is { } text)
                {
                    display = "\"" + text + "\"";
                }
                else if (KnownAddressValues.OfAddress(element, symbols) is { Family: KnownFamily.IPv4 } address)
                {
                    display = address.Display;
                }
                else
                {
                    return null;
                }

                first ??= display;
            }

            return elements.Length == 1 ? first : first + ", …";
        }

        public static ImmutableArray<IOperation> CollectionElements(IOperation? collection, int depth)
        {
            // Every conversion, also array → ReadOnlySpan<T>: the elements stay the same.
            while (collection is IConversionOperation or IParenthesizedOperation)
            {
                collection = collection is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)collection).Operand;
            }

            if (collection is null || depth > 3)
            {
                return default;
            }

            switch (collection)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return initializer.ElementValues;

                // string[] Allowed = { "10.0.0.7" };
                case IArrayInitializerOperation initializer:
                    return initializer.ElementValues;

                case IObjectCreationOperation { Initializer: { } initializer }:
                    var builder = ImmutableArray.CreateBuilder<IOperation>();
                    foreach (var item in initializer.Initializers)
                    {
                        if (item is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                        {
                            builder.Add(add.Arguments[0].Value);
                        }
                        else
                        {
                            return default;
                        }
                    }

                    return builder.ToImmutable();

                case ILocalReferenceOperation local:
                    var writes = OperationHelpers.LocalWrites(local);
                    return !writes.IsDefault && writes.Length == 1 ? CollectionElements(writes[0], depth + 1) : default;

                case IFieldReferenceOperation { Field.IsReadOnly: true } field when collection.SemanticModel is { } model:
                    foreach (var reference in field.Field.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == model.SyntaxTree && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                        {
                            return CollectionElements(model.GetOperation(value), depth + 1);
                        }
                    }

                    return default;

                default:
                    return CollectionExpressionElements(collection);
            }
        }

        /// <summary>
        /// A collection expression <c>[a, b]</c>: the operation kind is newer than Roslyn 4.8, so it is recognised by its
        /// syntax kind name and its element operations are its children.
        /// </summary>
        private static ImmutableArray<IOperation> CollectionExpressionElements(IOperation collection)
        {
            if (collection.Syntax.GetType().Name != "CollectionExpressionSyntax")
            {
                return default;
            }

            var elements = collection.ChildOperations.ToImmutableArray();
            return elements.Any(e => e.Syntax.GetType().Name == "SpreadElementSyntax") ? default : elements;
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
