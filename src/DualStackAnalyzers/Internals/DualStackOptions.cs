using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The <c>dualstack.*</c> options of .editorconfig / global config, parsed once per distinct value. A bad value
    /// never throws: the bad part is dropped (the default is used) and described in <see cref="Problems"/>, which
    /// DS0099 reports once.
    /// </summary>
    internal sealed class DualStackOptions
    {
        public const string IPv4OnlyTypesKey = "dualstack.ipv4_only_types";
        public const string AllowedAddressesKey = "dualstack.allowed_addresses";
        public const string AnalyzeTestCodeKey = "dualstack.analyze_test_code";

        public static readonly DualStackOptions Default = new DualStackOptions(ImmutableArray<string>.Empty, ImmutableArray<AddressRange>.Empty, analyzeTestCode: false, ImmutableArray<string>.Empty);

        private DualStackOptions(ImmutableArray<string> ipv4OnlyTypePatterns, ImmutableArray<AddressRange> allowedAddresses, bool analyzeTestCode, ImmutableArray<string> problems)
        {
            IPv4OnlyTypePatterns = ipv4OnlyTypePatterns;
            AllowedAddresses = allowedAddresses;
            AnalyzeTestCode = analyzeTestCode;
            Problems = problems;
        }

        /// <summary>Type name patterns (<c>*</c> matches any run of characters) that speak an IPv4-only protocol.</summary>
        public ImmutableArray<string> IPv4OnlyTypePatterns { get; }

        /// <summary>Addresses and CIDR ranges (both families) that DS0020/DS0021/DS0051 never report.</summary>
        public ImmutableArray<AddressRange> AllowedAddresses { get; }

        /// <summary>Report DS0020/DS0021 in test projects too (default false).</summary>
        public bool AnalyzeTestCode { get; }

        /// <summary>What was wrong with the values these options were parsed from, one sentence each.</summary>
        public ImmutableArray<string> Problems { get; }

        public bool IsAllowed(uint ipv4)
        {
            foreach (var range in AllowedAddresses)
            {
                if (range.Contains(ipv4))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Parses the three raw values (null = not set). Never throws.</summary>
        internal static DualStackOptions Parse(string? ipv4OnlyTypes, string? allowedAddresses, string? analyzeTestCode)
        {
            var problems = ImmutableArray.CreateBuilder<string>();

            var patterns = ImmutableArray.CreateBuilder<string>();
            if (!string.IsNullOrWhiteSpace(ipv4OnlyTypes))
            {
                foreach (var pattern in SplitList(ipv4OnlyTypes!))
                {
                    if (IsTypePattern(pattern))
                    {
                        patterns.Add(pattern);
                    }
                    else
                    {
                        problems.Add(IPv4OnlyTypesKey + ": '" + pattern + "' is not a type name pattern (letters, digits, '_', '.', '*', '?'); it is ignored");
                    }
                }
            }

            var ranges = ImmutableArray.CreateBuilder<AddressRange>();
            if (!string.IsNullOrWhiteSpace(allowedAddresses))
            {
                foreach (var item in allowedAddresses!.Split(new[] { ',', ';', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (AddressRange.TryParse(item.Trim(), out var range))
                    {
                        ranges.Add(range);
                    }
                    else
                    {
                        problems.Add(AllowedAddressesKey + ": '" + item.Trim() + "' is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, fd00::/8); it is ignored");
                    }
                }
            }

            var testCode = false;
            if (!string.IsNullOrWhiteSpace(analyzeTestCode))
            {
                var value = analyzeTestCode!.Trim();
                if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
                {
                    testCode = true;
                }
                else if (!string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(AnalyzeTestCodeKey + ": '" + value + "' is not true or false; the default (false) is used");
                }
            }

            return new DualStackOptions(patterns.ToImmutable(), ranges.ToImmutable(), testCode, problems.ToImmutable());
        }

        private static bool IsTypePattern(string pattern)
        {
            foreach (var c in pattern)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '*' || c == '?' || c == '`'))
                {
                    return false;
                }
            }

            return pattern.Length > 0;
        }

        public bool IsIPv4OnlyType(INamedTypeSymbol? type)
        {
            if (type is null || IPv4OnlyTypePatterns.IsEmpty)
            {
                return false;
            }

            var name = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
            foreach (var pattern in IPv4OnlyTypePatterns)
            {
                if (GlobMatch(pattern, name))
                {
                    return true;
                }
            }

            return false;
        }

        internal static ImmutableArray<string> SplitList(string value)
        {
            var items = ImmutableArray.CreateBuilder<string>();
            foreach (var part in value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    items.Add(trimmed);
                }
            }

            return items.ToImmutable();
        }

        internal static bool GlobMatch(string pattern, string text)
        {
            // Iterative '*' matching: no regex, no allocation.
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (p < pattern.Length && (pattern[p] == text[t] || pattern[p] == '?'))
                {
                    p++;
                    t++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        /// <summary>Per compilation: the options of a tree, read once per tree and parsed once per distinct raw value.</summary>
        internal sealed class Cache
        {
            private readonly AnalyzerConfigOptionsProvider provider;
            private readonly ConcurrentDictionary<SyntaxTree, DualStackOptions> byTree = new ConcurrentDictionary<SyntaxTree, DualStackOptions>();
            private readonly ConcurrentDictionary<(string?, string?, string?), DualStackOptions> parsed = new ConcurrentDictionary<(string?, string?, string?), DualStackOptions>();

            public Cache(AnalyzerConfigOptionsProvider provider)
            {
                this.provider = provider;
            }

            public DualStackOptions For(SyntaxTree tree)
                => byTree.TryGetValue(tree, out var options) ? options : byTree.GetOrAdd(tree, Read);

            /// <summary>The options of the global config alone (no tree): what applies to the whole project.</summary>
            public DualStackOptions Global => For(provider.GlobalOptions);

            private DualStackOptions Read(SyntaxTree tree)
            {
                var options = provider.GetOptions(tree);
                var global = provider.GlobalOptions;
                var key = (Value(options, global, IPv4OnlyTypesKey), Value(options, global, AllowedAddressesKey), Value(options, global, AnalyzeTestCodeKey));
                return Parsed(key);
            }

            private DualStackOptions For(AnalyzerConfigOptions global)
                => Parsed((Value(global, global, IPv4OnlyTypesKey), Value(global, global, AllowedAddressesKey), Value(global, global, AnalyzeTestCodeKey)));

            private DualStackOptions Parsed((string?, string?, string?) key)
            {
                if (key.Item1 is null && key.Item2 is null && key.Item3 is null)
                {
                    return Default;
                }

                return parsed.GetOrAdd(key, k => Parse(k.Item1, k.Item2, k.Item3));
            }

            /// <summary>A tree's value, else the global config's (a global config's keys reach every tree, but be sure).</summary>
            private static string? Value(AnalyzerConfigOptions options, AnalyzerConfigOptions global, string key)
                => options.TryGetValue(key, out var value) || global.TryGetValue(key, out value)
                    ? (string.IsNullOrWhiteSpace(value) ? null : value)
                    : null;
        }
    }

    /// <summary>An address or CIDR range of either family, from dualstack.allowed_addresses.</summary>
    internal readonly struct AddressRange
    {
        private readonly ImmutableArray<byte> bytes;

        private AddressRange(byte[] bytes, int prefixLength)
        {
            this.bytes = ImmutableArray.Create(bytes);
            PrefixLength = prefixLength;
        }

        public bool IsIPv4 => bytes.Length == 4;

        public int PrefixLength { get; }

        public bool Contains(uint ipv4)
        {
            if (!IsIPv4)
            {
                return false;
            }

            var network = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
            var mask = PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
            return (ipv4 & mask) == (network & mask);
        }

        /// <summary>"10.1.2.3", "10.0.0.0/8", "fd00::/8", "2001:db8::1"; an IPv4-mapped range (::ffff:10.0.0.0/104) counts as IPv4.</summary>
        public static bool TryParse(string text, out AddressRange range)
        {
            range = default;
            var slash = text.IndexOf('/');
            var addressText = slash < 0 ? text : text.Substring(0, slash);
            int? prefix = null;
            if (slash >= 0)
            {
                if (!int.TryParse(text.Substring(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
                {
                    return false;
                }

                prefix = p;
            }

            if (IPv4Text.TryParseStrict(addressText, out var ipv4))
            {
                var length = prefix ?? 32;
                if (length > 32)
                {
                    return false;
                }

                range = new AddressRange(new[] { (byte)(ipv4 >> 24), (byte)(ipv4 >> 16), (byte)(ipv4 >> 8), (byte)ipv4 }, length);
                return true;
            }

            if (addressText.IndexOf(':') < 0
                || !System.Net.IPAddress.TryParse(addressText, out var address)
                || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            var v6Length = prefix ?? 128;
            if (v6Length > 128)
            {
                return false;
            }

            if (address.IsIPv4MappedToIPv6 && v6Length >= 96)
            {
                range = new AddressRange(address.MapToIPv4().GetAddressBytes(), v6Length - 96);
                return true;
            }

            range = new AddressRange(address.GetAddressBytes(), v6Length);
            return true;
        }
    }
}
