using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum WellKnownAddress
    {
        Unknown,
        IPv4Any,
        IPv6Any,
        IPv4Loopback,
        IPv6Loopback,
    }

    /// <summary>An address value and the expression that wrote it (the "origin"; differs from the use when the value travelled).</summary>
    internal readonly struct ResolvedAddress
    {
        public ResolvedAddress(WellKnownAddress kind, SyntaxNode? origin, string display)
        {
            Kind = kind;
            Origin = origin;
            Display = display;
        }

        public WellKnownAddress Kind { get; }

        /// <summary>The expression where the address is written (IPAddress.Any, Parse("0.0.0.0"), ...).</summary>
        public SyntaxNode? Origin { get; }

        /// <summary>How the message names it, e.g. "IPAddress.Any".</summary>
        public string Display { get; }

        public static ResolvedAddress None => default;
    }

    /// <summary>
    /// Finds which well-known address an expression holds: directly (IPAddress.Any, Parse("0.0.0.0"), new IPAddress(0)),
    /// or through a local written only with such values, a readonly field's initializer or a constant string.
    /// </summary>
    internal static class AddressResolver
    {
        private const int MaxDepth = 4;

        public static ResolvedAddress Resolve(IOperation? operation, NetSymbols symbols)
            => Resolve(operation, symbols, 0);

        private static ResolvedAddress Resolve(IOperation? operation, NetSymbols symbols, int depth)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || depth > MaxDepth)
            {
                return ResolvedAddress.None;
            }

            switch (operation)
            {
                case IFieldReferenceOperation fieldReference:
                    return ResolveField(fieldReference, symbols, depth);
                case IInvocationOperation invocation:
                    return ResolveParse(invocation, symbols);
                case IObjectCreationOperation creation:
                    return ResolveCreation(creation, symbols);
                case ILocalReferenceOperation localReference:
                    return ResolveLocal(localReference, symbols, depth);
                default:
                    return ResolvedAddress.None;
            }
        }

        private static ResolvedAddress ResolveField(IFieldReferenceOperation reference, NetSymbols symbols, int depth)
        {
            var field = reference.Field;
            if (SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.IPAddress))
            {
                var kind = field.Name switch
                {
                    "Any" => WellKnownAddress.IPv4Any,
                    "IPv6Any" or "IPv6None" => WellKnownAddress.IPv6Any,
                    "Loopback" => WellKnownAddress.IPv4Loopback,
                    "IPv6Loopback" => WellKnownAddress.IPv6Loopback,
                    _ => WellKnownAddress.Unknown,
                };
                return kind == WellKnownAddress.Unknown ? ResolvedAddress.None : new ResolvedAddress(kind, reference.Syntax, "IPAddress." + field.Name);
            }

            // A readonly field keeps its initializer; a mutable one may have been reassigned anywhere.
            if (!field.IsReadOnly || !NetSymbols.Is(field.Type, symbols.IPAddress))
            {
                return ResolvedAddress.None;
            }

            foreach (var reference2 in field.DeclaringSyntaxReferences)
            {
                if (reference2.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                {
                    var model = reference.SemanticModel;
                    if (model is not null && value.SyntaxTree == model.SyntaxTree)
                    {
                        var resolved = Resolve(model.GetOperation(value), symbols, depth + 1);
                        return resolved;
                    }

                    return ResolveSyntax(value);
                }
            }

            return ResolvedAddress.None;
        }

        /// <summary>For a field declared in another tree: recognises IPAddress.X written out (no semantic model there).</summary>
        private static ResolvedAddress ResolveSyntax(ExpressionSyntax value)
        {
            if (value is MemberAccessExpressionSyntax { Expression: var target, Name.Identifier.ValueText: var name }
                && (target is IdentifierNameSyntax { Identifier.ValueText: "IPAddress" } || target.ToString().EndsWith(".IPAddress", StringComparison.Ordinal)))
            {
                var kind = name switch
                {
                    "Any" => WellKnownAddress.IPv4Any,
                    "IPv6Any" or "IPv6None" => WellKnownAddress.IPv6Any,
                    "Loopback" => WellKnownAddress.IPv4Loopback,
                    "IPv6Loopback" => WellKnownAddress.IPv6Loopback,
                    _ => WellKnownAddress.Unknown,
                };
                return kind == WellKnownAddress.Unknown ? ResolvedAddress.None : new ResolvedAddress(kind, value, "IPAddress." + name);
            }

            return ResolvedAddress.None;
        }

        private static ResolvedAddress ResolveParse(IInvocationOperation invocation, NetSymbols symbols)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "Parse" || !SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.IPAddress)
                || invocation.Arguments.Length != 1 || invocation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string text })
            {
                return ResolvedAddress.None;
            }

            var kind = ClassifyText(text);
            return kind == WellKnownAddress.Unknown ? ResolvedAddress.None : new ResolvedAddress(kind, invocation.Syntax, "IPAddress.Parse(\"" + text + "\")");
        }

        private static ResolvedAddress ResolveCreation(IObjectCreationOperation creation, NetSymbols symbols)
        {
            if (!NetSymbols.Is(creation.Type, symbols.IPAddress) || creation.Arguments.Length != 1)
            {
                return ResolvedAddress.None;
            }

            var argument = OperationHelpers.SkipConversions(creation.Arguments[0].Value);
            if (argument?.ConstantValue is { HasValue: true } constant && constant.Value is not null && IsZero(constant.Value))
            {
                return new ResolvedAddress(WellKnownAddress.IPv4Any, creation.Syntax, "new IPAddress(0)");
            }

            // new IPAddress(new byte[] { 0, 0, 0, 0 })
            if (argument is IArrayCreationOperation { Initializer.ElementValues: var elements }
                && (elements.Length == 4 || elements.Length == 16)
                && elements.All(e => e.ConstantValue.HasValue && e.ConstantValue.Value is not null && IsZero(e.ConstantValue.Value)))
            {
                return elements.Length == 4
                    ? new ResolvedAddress(WellKnownAddress.IPv4Any, creation.Syntax, "new IPAddress(0.0.0.0)")
                    : new ResolvedAddress(WellKnownAddress.IPv6Any, creation.Syntax, "new IPAddress(::)");
            }

            return ResolvedAddress.None;
        }

        private static bool IsZero(object value)
        {
            try
            {
                return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0;
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                return false;
            }
        }

        private static ResolvedAddress ResolveLocal(ILocalReferenceOperation reference, NetSymbols symbols, int depth)
        {
            var values = OperationHelpers.LocalWrites(reference);
            if (values.IsDefaultOrEmpty)
            {
                return ResolvedAddress.None;
            }

            ResolvedAddress first = default;
            foreach (var value in values)
            {
                var resolved = Resolve(value, symbols, depth + 1);
                if (resolved.Kind == WellKnownAddress.Unknown || (first.Kind != WellKnownAddress.Unknown && first.Kind != resolved.Kind))
                {
                    return ResolvedAddress.None;
                }

                if (first.Kind == WellKnownAddress.Unknown)
                {
                    first = resolved;
                }
            }

            return first;
        }

        /// <summary>Classifies address text the way IPAddress.Parse reads it, for the few addresses listeners care about.</summary>
        public static WellKnownAddress ClassifyText(string text)
        {
            // Cheap rejection before the parser: every interesting form is short and starts with a digit or ':'.
            if (text.Length == 0 || text.Length > 45 || !(char.IsDigit(text[0]) || text[0] == ':' || text[0] == '['))
            {
                return WellKnownAddress.Unknown;
            }

            if (!System.Net.IPAddress.TryParse(text.Trim('[', ']'), out var address))
            {
                return WellKnownAddress.Unknown;
            }

            if (address.Equals(System.Net.IPAddress.Any))
            {
                return WellKnownAddress.IPv4Any;
            }

            if (address.Equals(System.Net.IPAddress.IPv6Any))
            {
                return WellKnownAddress.IPv6Any;
            }

            if (address.Equals(System.Net.IPAddress.IPv6Loopback))
            {
                return WellKnownAddress.IPv6Loopback;
            }

            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 127)
            {
                return WellKnownAddress.IPv4Loopback;
            }

            return WellKnownAddress.Unknown;
        }
    }
}
