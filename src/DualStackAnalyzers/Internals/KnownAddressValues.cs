using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>The family an address value is known to have (KnownAddressFamily and KnownAddressValues both answer in it).</summary>
    internal enum KnownFamily
    {
        Unknown,
        IPv4,

        /// <summary>An IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>).</summary>
        IPv4Mapped,
        IPv6,
    }

    /// <summary>An address (or network) value whose family is known, and where it is written.</summary>
    internal readonly struct KnownAddress
    {
        public KnownAddress(KnownFamily family, SyntaxNode? origin, string display)
        {
            Family = family;
            Origin = origin;
            Display = display;
        }

        public KnownFamily Family { get; }

        /// <summary>The expression that writes the value (differs from the use when it travelled).</summary>
        public SyntaxNode? Origin { get; }

        /// <summary>How a message names it, e.g. <c>IPAddress.Loopback</c> or <c>"10.0.0.7"</c>.</summary>
        public string Display { get; }

        public static KnownAddress Unknown => default;
    }

    /// <summary>
    /// Classifies address values written in code (IPAddress fields, Parse of constant text, constant byte arrays,
    /// IPNetwork creations) and address text, through locals and readonly fields of the same tree. Shared by the peer
    /// and proxy rules (DS0040, DS0041) and by <see cref="LiteralOwnership"/>.
    /// </summary>
    internal static class KnownAddressValues
    {
        private const int MaxDepth = 4;

        /// <summary>The family of an IPAddress-typed value.</summary>
        public static KnownAddress OfAddress(IOperation? operation, NetSymbols symbols)
            => OfAddress(operation, symbols, 0);

        /// <summary>The family of an IPNetwork value (System.Net.IPNetwork or HttpOverrides.IPNetwork).</summary>
        public static KnownAddress OfNetwork(IOperation? operation, NetSymbols symbols)
            => OfNetwork(operation, symbols, 0);

        private static KnownAddress OfAddress(IOperation? operation, NetSymbols symbols, int depth)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || depth > MaxDepth)
            {
                return KnownAddress.Unknown;
            }

            switch (operation)
            {
                case IFieldReferenceOperation { Field: var field } reference when SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.IPAddress):
                    var family = field.Name switch
                    {
                        "Any" or "Loopback" or "Broadcast" or "None" => KnownFamily.IPv4,
                        "IPv6Any" or "IPv6Loopback" or "IPv6None" => KnownFamily.IPv6,
                        _ => KnownFamily.Unknown,
                    };
                    return family == KnownFamily.Unknown ? KnownAddress.Unknown : new KnownAddress(family, reference.Syntax, "IPAddress." + field.Name);

                case IFieldReferenceOperation reference:
                    return ThroughField(reference, symbols, depth, network: false);

                case IInvocationOperation { TargetMethod: { Name: "Parse", IsStatic: true } method } invocation
                    when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.IPAddress)
                         && invocation.Arguments.Length == 1
                         && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string text }:
                    return new KnownAddress(OfText(text), invocation.Syntax, "\"" + text + "\"");

                case IInvocationOperation { TargetMethod: { Name: "MapToIPv6", IsStatic: false } } mapToV6
                    when OfAddress(mapToV6.Instance, symbols, depth + 1) is { Family: KnownFamily.IPv4 } mappedFrom:
                    return new KnownAddress(KnownFamily.IPv4Mapped, mapToV6.Syntax, mappedFrom.Display + ".MapToIPv6()");

                case IObjectCreationOperation creation when NetSymbols.Is(creation.Type, symbols.IPAddress) && creation.Arguments.Length >= 1:
                    return OfCreation(creation);

                case ILocalReferenceOperation local:
                    return ThroughLocal(local, symbols, depth, network: false);

                default:
                    return KnownAddress.Unknown;
            }
        }

        private static KnownAddress OfCreation(IObjectCreationOperation creation)
        {
            var argument = OperationHelpers.SkipConversions(creation.Arguments[0].Value);
            if (argument is null)
            {
                return KnownAddress.Unknown;
            }

            // new IPAddress(long): IPv4 only, whatever the value.
            if (creation.Constructor is { Parameters.Length: 1 } constructor && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int64)
            {
                return new KnownAddress(KnownFamily.IPv4, creation.Syntax, creation.Syntax.ToString());
            }

            if (argument is IArrayCreationOperation { Initializer.ElementValues: var elements }
                && elements.All(e => e.ConstantValue.HasValue))
            {
                if (elements.Length == 4)
                {
                    return new KnownAddress(KnownFamily.IPv4, creation.Syntax, creation.Syntax.ToString());
                }

                if (elements.Length == 16)
                {
                    var mapped = true;
                    for (var i = 0; i < 12 && mapped; i++)
                    {
                        var expected = i < 10 ? 0 : 0xff;
                        mapped = ToInt(elements[i].ConstantValue.Value) == expected;
                    }

                    return new KnownAddress(mapped ? KnownFamily.IPv4Mapped : KnownFamily.IPv6, creation.Syntax, creation.Syntax.ToString());
                }
            }

            return KnownAddress.Unknown;
        }

        private static int ToInt(object? value)
        {
            try
            {
                return value is null ? -1 : System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                return -1;
            }
        }

        private static KnownAddress OfNetwork(IOperation? operation, NetSymbols symbols, int depth)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || depth > MaxDepth)
            {
                return KnownAddress.Unknown;
            }

            var peers = symbols.Peers;
            switch (operation)
            {
                // new IPNetwork(address, prefixLength)
                case IObjectCreationOperation creation when (NetSymbols.Is(creation.Type, peers.SystemIPNetwork) || NetSymbols.Is(creation.Type, peers.HttpOverridesIPNetwork))
                                                           && creation.Arguments.Length == 2:
                    var prefix = OfAddress(creation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value, symbols, depth + 1);
                    if (prefix.Family == KnownFamily.Unknown)
                    {
                        return KnownAddress.Unknown;
                    }

                    // Shown as "10.1.0.0/16" when the prefix length is a constant.
                    var length = creation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1)?.Value.ConstantValue;
                    var display = length is { HasValue: true } && prefix.Display.StartsWith("\"", StringComparison.Ordinal)
                        ? prefix.Display.Substring(0, prefix.Display.Length - 1) + "/" + length.Value.Value + "\""
                        : creation.Syntax.ToString();
                    return new KnownAddress(prefix.Family, creation.Syntax, display);

                // IPNetwork.Parse("10.0.0.0/8")
                case IInvocationOperation { TargetMethod: { Name: "Parse", IsStatic: true } method } invocation
                    when (SymbolEqualityComparer.Default.Equals(method.ContainingType, peers.SystemIPNetwork) || SymbolEqualityComparer.Default.Equals(method.ContainingType, peers.HttpOverridesIPNetwork))
                         && invocation.Arguments.Length >= 1
                         && OperationHelpers.SkipConversions(invocation.Arguments[0].Value)?.ConstantValue is { HasValue: true, Value: string text }:
                    var slash = text.IndexOf('/');
                    var family = OfText(slash < 0 ? text : text.Substring(0, slash));
                    return family == KnownFamily.Unknown ? KnownAddress.Unknown : new KnownAddress(family, invocation.Syntax, "\"" + text + "\"");

                case IFieldReferenceOperation reference:
                    return ThroughField(reference, symbols, depth, network: true);

                case ILocalReferenceOperation local:
                    return ThroughLocal(local, symbols, depth, network: true);

                default:
                    return KnownAddress.Unknown;
            }
        }

        private static KnownAddress ThroughLocal(ILocalReferenceOperation local, NetSymbols symbols, int depth, bool network)
        {
            var writes = OperationHelpers.LocalWrites(local);
            if (writes.IsDefaultOrEmpty)
            {
                return KnownAddress.Unknown;
            }

            KnownAddress first = default;
            foreach (var write in writes)
            {
                var value = network ? OfNetwork(write, symbols, depth + 1) : OfAddress(write, symbols, depth + 1);
                if (value.Family == KnownFamily.Unknown || (first.Family != KnownFamily.Unknown && first.Family != value.Family))
                {
                    return KnownAddress.Unknown;
                }

                if (first.Family == KnownFamily.Unknown)
                {
                    first = value;
                }
            }

            return first;
        }

        /// <summary>A readonly field keeps its initializer; only initializers in the same tree are read (no new semantic model).</summary>
        private static KnownAddress ThroughField(IFieldReferenceOperation reference, NetSymbols symbols, int depth, bool network)
        {
            var field = reference.Field;
            var model = reference.SemanticModel;
            if (!field.IsReadOnly || model is null)
            {
                return KnownAddress.Unknown;
            }

            foreach (var declaration in field.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree == model.SyntaxTree
                    && declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                {
                    var operation = model.GetOperation(value);
                    return network ? OfNetwork(operation, symbols, depth + 1) : OfAddress(operation, symbols, depth + 1);
                }
            }

            return KnownAddress.Unknown;
        }

        /// <summary>The family of address text (brackets allowed); Unknown for anything that is not an address.</summary>
        public static KnownFamily OfText(string text)
        {
            if (text.Length == 0 || text.Length > 64)
            {
                return KnownFamily.Unknown;
            }

            if (IsStrictIPv4(text))
            {
                return KnownFamily.IPv4;
            }

            if (text.IndexOf(':') < 0)
            {
                return KnownFamily.Unknown;
            }

            var trimmed = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']' ? text.Substring(1, text.Length - 2) : text;
            if (!System.Net.IPAddress.TryParse(trimmed, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return KnownFamily.Unknown;
            }

            return address.IsIPv4MappedToIPv6 ? KnownFamily.IPv4Mapped : KnownFamily.IPv6;
        }

        /// <summary>Strict dotted-quad decimal: four parts 0–255, no leading zeros, digits only.</summary>
        public static bool IsStrictIPv4(string text) => DottedParts(text, 0, text.Length, allowTrailingDot: false) == 4;

        /// <summary>
        /// IPv4 text a peer could be compared with as a prefix: "10.", "192.168.", "127.0.0.1" (at least one dot,
        /// every part a valid octet, at most four parts).
        /// </summary>
        public static bool IsIPv4Prefix(string text)
        {
            var parts = DottedParts(text, 0, text.Length, allowTrailingDot: true);
            return parts >= 2 || (parts == 1 && text.Length > 1 && text[text.Length - 1] == '.');
        }

        /// <summary>IPv4 text or IPv4 <c>host:port</c> text ("10.0.0.7", "10.0.0.7:8080").</summary>
        public static bool IsIPv4OrIPv4HostPort(string text)
        {
            if (text.Length == 0 || !IsAsciiDigit(text[0]))
            {
                return false;
            }

            var colon = text.IndexOf(':');
            if (colon < 0)
            {
                return IsStrictIPv4(text);
            }

            if (DottedParts(text, 0, colon, allowTrailingDot: false) != 4 || colon == text.Length - 1)
            {
                return false;
            }

            for (var i = colon + 1; i < text.Length; i++)
            {
                if (!IsAsciiDigit(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Counts the dotted decimal parts of text[start..end) (each 0–255, no leading zeros); -1 when it is not that.
        /// With <paramref name="allowTrailingDot"/>, "192.168." counts 2 parts.
        /// </summary>
        private static int DottedParts(string text, int start, int end, bool allowTrailingDot)
        {
            if (end - start < 1 || end - start > 15 || !IsAsciiDigit(text[start]))
            {
                return -1;
            }

            int parts = 0, value = 0, digits = 0;
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (IsAsciiDigit(c))
                {
                    if (digits > 0 && value == 0)
                    {
                        return -1; // leading zero
                    }

                    value = (value * 10) + (c - '0');
                    digits++;
                    if (value > 255)
                    {
                        return -1;
                    }
                }
                else if (c == '.')
                {
                    if (digits == 0)
                    {
                        return -1;
                    }

                    parts++;
                    value = 0;
                    digits = 0;
                    if (i == end - 1)
                    {
                        return allowTrailingDot && parts <= 4 ? parts : -1;
                    }
                }
                else
                {
                    return -1;
                }
            }

            parts++;
            return parts <= 4 ? parts : -1;
        }

        private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

        /// <summary>
        /// Does a regular expression match IPv4 text? True when an escaped dot follows a digit atom (<c>10\.</c>,
        /// <c>\d{1,3}\.</c>, <c>[0-9]+\.</c>, <c>(25[0-5]|\d)\.</c>); false when it also handles IPv6 (a ':' or "ffff").
        /// </summary>
        public static bool IsIPv4Pattern(string pattern)
        {
            if (pattern.Length < 3 || pattern.IndexOf(':') >= 0 || pattern.IndexOf("ffff", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return false;
            }

            for (var i = 1; i < pattern.Length - 1; i++)
            {
                if (pattern[i] == '\\' && pattern[i + 1] == '.' && (i < 2 || pattern[i - 1] != '\\') && EndsWithDigitAtom(pattern, i))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EndsWithDigitAtom(string pattern, int end)
        {
            // Strip one quantifier: +, *, ?, {m,n} (and a lazy '?').
            if (end > 0 && pattern[end - 1] == '?')
            {
                end--;
            }

            if (end > 0 && (pattern[end - 1] == '+' || pattern[end - 1] == '*' || pattern[end - 1] == '?'))
            {
                end--;
            }
            else if (end > 0 && pattern[end - 1] == '}')
            {
                var open = pattern.LastIndexOf('{', end - 1);
                if (open < 0)
                {
                    return false;
                }

                end = open;
            }

            if (end <= 0)
            {
                return false;
            }

            var last = pattern[end - 1];
            if (IsAsciiDigit(last))
            {
                return end < 2 || pattern[end - 2] != '\\';
            }

            if (last == 'd')
            {
                return end >= 2 && pattern[end - 2] == '\\';
            }

            if (last == ']' || last == ')')
            {
                var open = pattern.LastIndexOf(last == ']' ? '[' : '(', end - 1);
                if (open < 0 || open + 1 >= end - 1)
                {
                    return false;
                }

                var content = pattern.Substring(open + 1, end - open - 2);
                if (content.StartsWith("?:", StringComparison.Ordinal))
                {
                    content = content.Substring(2);
                }

                var sawDigit = false;
                foreach (var c in content)
                {
                    if (IsAsciiDigit(c) || c == 'd')
                    {
                        sawDigit = true;
                    }
                    else if ("|[]-\\?{},+*".IndexOf(c) < 0)
                    {
                        return false;
                    }
                }

                return sawDigit;
            }

            return false;
        }
    }
}
