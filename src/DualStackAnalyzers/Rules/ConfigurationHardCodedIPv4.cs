using System;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Internals.ConfigFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0051: DS0020's rules applied to the string values of configuration and deployment files — a hard-coded IPv4
    /// host address (strict dotted quad; not loopback, 0.0.0.0, netmasks, broadcast, documentation ranges, OIDs,
    /// allow-listed addresses, or a value that also names an IPv6 address).
    /// </summary>
    internal static class ConfigurationHardCodedIPv4
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ConfigurationHardCodedIPv4Address,
            RuleCategories.Configuration,
            "Hard-coded IPv4 address in configuration",
            "'{0}' in {1} holds the IPv4 address '{2}': {3}",
            DiagnosticSeverity.Info,
            "A literal IPv4 address in appsettings.json, a Dockerfile or a manifest ties the service to IPv4: in an IPv6-only cluster that peer has no IPv4 address, and a dual-stack peer may be reached only over IPv6. Use a DNS name (a Kubernetes Service name), or list the IPv6 counterpart too.");

        public static void Check(ConfigEntry entry, string file, string path, SourceText text, DualStackOptions options, Action<Diagnostic> report)
        {
            if (!entry.IsString || !IPv4Text.MayContainAddress(entry.Value)
                || entry.Key.IndexOf("version", StringComparison.OrdinalIgnoreCase) >= 0
                || IPv4Text.ContainsIPv6Address(entry.Value))
            {
                return;
            }

            var matches = IPv4Text.Find(entry.Value);
            if (matches is null)
            {
                return;
            }

            foreach (var match in matches)
            {
                var value = match.Value;
                if (IPv4Text.Categorize(value) != IPv4Category.Specific || options.IsAllowed(value) || IsOidPrefix(value))
                {
                    continue;
                }

                var (start, length) = entry.SpanOf(match.Start, match.Length);
                var advice = HardCodedIPv4AddressAnalyzer.Advice(value);
                report(Diagnostic.Create(Rule, ConfigurationFileAnalyzer.LocationOf(path, text, start, length), entry.Key.Length == 0 ? "a value" : entry.Key, file, IPv4Text.Format(value), advice));
            }
        }

        /// <summary>2.5.x.y and 1.3.6.x are OIDs (as for DS0020).</summary>
        private static bool IsOidPrefix(uint value) => (value >> 16) == 0x0205 || (value >> 8) == 0x010306;
    }
}
