using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Internals
{
    /// <summary>The <c>dualstack.*</c> options of .editorconfig / global config, parsed once per distinct value.</summary>
    internal sealed class DualStackOptions
    {
        public const string IPv4OnlyTypesKey = "dualstack.ipv4_only_types";

        public static readonly DualStackOptions Default = new DualStackOptions(ImmutableArray<string>.Empty);

        private DualStackOptions(ImmutableArray<string> ipv4OnlyTypePatterns)
        {
            IPv4OnlyTypePatterns = ipv4OnlyTypePatterns;
        }

        /// <summary>Type name patterns (<c>*</c> matches any run of characters) that speak an IPv4-only protocol.</summary>
        public ImmutableArray<string> IPv4OnlyTypePatterns { get; }

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

        /// <summary>Per compilation: options of a tree, parsed once for each distinct raw value.</summary>
        internal sealed class Cache
        {
            private readonly AnalyzerConfigOptionsProvider provider;
            private readonly ConcurrentDictionary<string, DualStackOptions> parsed = new ConcurrentDictionary<string, DualStackOptions>(StringComparer.Ordinal);

            public Cache(AnalyzerConfigOptionsProvider provider)
            {
                this.provider = provider;
            }

            public DualStackOptions For(SyntaxTree tree)
            {
                var options = provider.GetOptions(tree);
                if (!options.TryGetValue(IPv4OnlyTypesKey, out var types) || string.IsNullOrWhiteSpace(types))
                {
                    return Default;
                }

                return parsed.GetOrAdd(types, raw => new DualStackOptions(SplitList(raw)));
            }
        }
    }
}
