using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The family an <c>IPAddress</c> expression is known to have from the code alone: IPAddress's own fields,
    /// <c>Parse</c> of constant text, <c>new IPAddress(long)</c> / 4- or 16-byte arrays, <c>MapToIPv4/MapToIPv6</c>,
    /// a value picked by a filter on <c>InterNetwork</c>, and names that say it (<c>IPv4Mask</c>, <c>ipv6Group</c>),
    /// through locals, readonly fields and constants. Unknown when the code does not say.
    /// </summary>
    internal static class KnownAddressFamily
    {
        private const int MaxDepth = 4;

        public static KnownFamily Of(IOperation? operation, NetSymbols symbols) => Of(operation, symbols, 0);

        private static KnownFamily Of(IOperation? operation, NetSymbols symbols, int depth)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || depth > MaxDepth)
            {
                return KnownFamily.Unknown;
            }

            switch (operation)
            {
                case IFieldReferenceOperation fieldReference:
                    return OfField(fieldReference, symbols, depth);
                case IPropertyReferenceOperation propertyReference:
                    return FromName(propertyReference.Property.Name);
                case IParameterReferenceOperation parameterReference:
                    return FromName(parameterReference.Parameter.Name);
                case IInvocationOperation invocation:
                    return OfInvocation(invocation, symbols);
                case IObjectCreationOperation creation when NetSymbols.Is(creation.Type, symbols.IPAddress):
                    return OfCreation(creation);
                case ILocalReferenceOperation localReference:
                    return OfLocal(localReference, symbols, depth);
                case IConditionalOperation conditional:
                    var whenTrue = Of(conditional.WhenTrue, symbols, depth + 1);
                    return whenTrue == Of(conditional.WhenFalse, symbols, depth + 1) ? whenTrue : KnownFamily.Unknown;
                default:
                    return KnownFamily.Unknown;
            }
        }

        /// <summary>The family constant text parses to (IPAddress.Parse semantics); Unknown when it does not parse.</summary>
        public static KnownFamily OfText(string? text)
        {
            if (text is null || text.Length == 0 || text.Length > 64)
            {
                return KnownFamily.Unknown;
            }

            if (!System.Net.IPAddress.TryParse(text, out var address))
            {
                return KnownFamily.Unknown;
            }

            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? KnownFamily.IPv6 : KnownFamily.IPv4;
        }

        /// <summary>Names that state the family: "IPv4Mask", "ipv6Group", "Inet4Address". Unknown when they say both or neither.</summary>
        public static KnownFamily FromName(string name)
        {
            var v4 = name.IndexOf("ipv4", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("inet4", StringComparison.OrdinalIgnoreCase) >= 0;
            var v6 = name.IndexOf("ipv6", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("inet6", StringComparison.OrdinalIgnoreCase) >= 0;
            return v4 == v6 ? KnownFamily.Unknown : v4 ? KnownFamily.IPv4 : KnownFamily.IPv6;
        }

        private static KnownFamily OfField(IFieldReferenceOperation reference, NetSymbols symbols, int depth)
        {
            var field = reference.Field;
            if (SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.IPAddress))
            {
                switch (field.Name)
                {
                    case "Any":
                    case "Loopback":
                    case "Broadcast":
                    case "None":
                        return KnownFamily.IPv4;
                    case "IPv6Any":
                    case "IPv6Loopback":
                    case "IPv6None":
                        return KnownFamily.IPv6;
                    default:
                        return KnownFamily.Unknown;
                }
            }

            if (field.IsReadOnly || field.IsConst)
            {
                var model = reference.SemanticModel;
                foreach (var declaration in field.DeclaringSyntaxReferences)
                {
                    if (model is not null && declaration.SyntaxTree == model.SyntaxTree
                        && declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                    {
                        var fromInitializer = Of(model.GetOperation(value), symbols, depth + 1);
                        if (fromInitializer != KnownFamily.Unknown)
                        {
                            return fromInitializer;
                        }
                    }
                }
            }

            return FromName(field.Name);
        }

        private static KnownFamily OfInvocation(IInvocationOperation invocation, NetSymbols symbols)
        {
            var method = invocation.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.IPAddress))
            {
                switch (method.Name)
                {
                    case "MapToIPv4":
                        return KnownFamily.IPv4;
                    case "MapToIPv6":
                        return KnownFamily.IPv6;
                    case "Parse":
                        return invocation.Arguments.Length == 1
                            && OperationHelpers.SkipConversions(invocation.Arguments[0].Value)?.ConstantValue is { HasValue: true, Value: string text }
                            ? OfText(text)
                            : KnownFamily.Unknown;
                }
            }

            return FromName(method.Name);
        }

        private static KnownFamily OfCreation(IObjectCreationOperation creation)
        {
            if (creation.Arguments.Length == 0)
            {
                return KnownFamily.Unknown;
            }

            var argument = OperationHelpers.SkipConversions(creation.Arguments[0].Value);
            if (argument?.Type?.SpecialType == SpecialType.System_Int64)
            {
                return KnownFamily.IPv4;
            }

            // new IPAddress(new byte[16]), new IPAddress(new byte[] { 10, 0, 0, 1 })
            if (argument is IArrayCreationOperation array)
            {
                int? length = array.Initializer is { } initializer ? initializer.ElementValues.Length
                    : array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int size } ? size
                    : null;
                return length == 4 ? KnownFamily.IPv4 : length == 16 ? KnownFamily.IPv6 : KnownFamily.Unknown;
            }

            return KnownFamily.Unknown;
        }

        private static KnownFamily OfLocal(ILocalReferenceOperation reference, NetSymbols symbols, int depth)
        {
            var writes = OperationHelpers.LocalWrites(reference);
            if (!writes.IsDefaultOrEmpty)
            {
                var family = KnownFamily.Unknown;
                var all = true;
                foreach (var write in writes)
                {
                    var one = Of(write, symbols, depth + 1);
                    if (one == KnownFamily.Unknown && writes.Length == 1 && SelectsIPv4(write.Syntax))
                    {
                        one = KnownFamily.IPv4;
                    }

                    if (one == KnownFamily.Unknown || (family != KnownFamily.Unknown && family != one))
                    {
                        all = false;
                        break;
                    }

                    family = one;
                }

                if (all && family != KnownFamily.Unknown)
                {
                    return family;
                }
            }

            return FromName(reference.Local.Name);
        }

        /// <summary>
        /// A value picked by a filter on InterNetwork (<c>.First(a => a.AddressFamily == AddressFamily.InterNetwork)</c>):
        /// IPv4 by construction. Dropping IPv6 there is DS0011's finding, not the representation's.
        /// </summary>
        private static bool SelectsIPv4(SyntaxNode value)
        {
            var v4 = false;
            foreach (var token in value.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    if (token.ValueText == "InterNetworkV6")
                    {
                        return false;
                    }

                    v4 |= token.ValueText == "InterNetwork";
                }
            }

            return v4;
        }
    }
}
