using System;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Internals.ConfigFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0050: a server URL with host 0.0.0.0 in a configuration or deployment file. Kestrel reads it through the same
    /// code path as UseUrls (ground truth #24, #25): 0.0.0.0 binds IPv4 only. launchSettings.json is a developer
    /// profile, so there it is Info.
    /// </summary>
    internal static class ConfigurationBindsIPv4Wildcard
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ConfigurationBindsIPv4WildcardOnly,
            RuleCategories.Configuration,
            "Configuration binds to the IPv4 wildcard only",
            "'{0}' in {1} binds the server to 0.0.0.0 only, so clients that connect over IPv6 are refused; use '*' to listen on IPv4 and IPv6",
            DiagnosticSeverity.Warning,
            "A URL whose host is 0.0.0.0 makes Kestrel listen on IPv4 only, whether it comes from appsettings.json, an environment variable (ASPNETCORE_URLS, DOTNET_URLS, Kestrel__Endpoints__*__Url) or --urls. '*' (or '+', or a host name) binds [::] with dual mode and falls back to IPv4 where the host has no IPv6.");

        public static void Check(ConfigEntry entry, ConfigFileKind kind, string file, string path, SourceText text, Action<Diagnostic> report)
        {
            if (!entry.IsString || entry.Value.IndexOf("0.0.0.0", StringComparison.Ordinal) < 0 || !IsListenerUrl(entry, kind))
            {
                return;
            }

            var hosts = UrlHostScanner.Scan(entry.Value);
            if (hosts is null)
            {
                return;
            }

            foreach (var host in hosts)
            {
                if (host.Kind != UrlHostKind.IPv4Any)
                {
                    continue;
                }

                var (start, length) = entry.SpanOf(host.HostStart, host.HostLength);
                var severity = kind == ConfigFileKind.LaunchSettings ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning;
                report(Diagnostic.Create(Rule, ConfigurationFileAnalyzer.LocationOf(path, text, start, length), severity, null, null, entry.Key, file));
            }
        }

        /// <summary>Is this value a set of URLs Kestrel listens on?</summary>
        private static bool IsListenerUrl(ConfigEntry entry, ConfigFileKind kind)
        {
            switch (entry.Kind)
            {
                case ConfigEntryKind.UrlsArgument:
                    return true;
                case ConfigEntryKind.EnvironmentVariable:
                    return ListenerUrlKeys.IsEnvironmentVariable(entry.Key);
                default:
                    return kind switch
                    {
                        ConfigFileKind.AppSettings => ListenerUrlKeys.IsConfigurationKey(entry.Key),
                        ConfigFileKind.LaunchSettings => entry.Key.EndsWith(":applicationUrl", StringComparison.OrdinalIgnoreCase),
                        ConfigFileKind.Yaml => ListenerUrlKeys.IsEnvironmentVariable(entry.Key) || ListenerUrlKeys.IsKestrelEndpointUrlKey(entry.Key),
                        _ => false,
                    };
            }
        }
    }
}
