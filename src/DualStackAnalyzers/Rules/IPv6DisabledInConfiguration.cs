using System;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Internals.ConfigFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0014 in files: <c>System.Net.DisableIPv6</c> in runtimeconfig.template.json, or
    /// <c>DOTNET_SYSTEM_NET_DISABLEIPV6</c> in a Dockerfile, manifest or launch profile (fact 3: DNS then drops AAAA).
    /// The MSBuild item <c>RuntimeHostConfigurationOption</c> is checked by the package's targets.
    /// </summary>
    internal static class IPv6DisabledInConfiguration
    {
        public static void Check(ConfigEntry entry, ConfigFileKind kind, string file, string path, SourceText text, Action<Diagnostic> report)
        {
            string? what = null;
            if (entry.Kind == ConfigEntryKind.EnvironmentVariable && DisableIPv6Setting.IsEnvironmentVariableName(entry.Key) && DisableIPv6Setting.IsOnEnvironmentValue(entry.Value))
            {
                what = DisableIPv6Setting.EnvironmentVariableName + "=" + entry.Value + " in " + file;
            }
            else if (kind == ConfigFileKind.RuntimeConfigTemplate && entry.Kind == ConfigEntryKind.Setting
                && entry.Key.EndsWith("configProperties:" + DisableIPv6Setting.SwitchName, StringComparison.Ordinal)
                && DisableIPv6Setting.IsOnSwitchValue(entry.Value))
            {
                what = "\"" + DisableIPv6Setting.SwitchName + "\": " + entry.Value + " in " + file;
            }

            if (what is not null)
            {
                report(Diagnostic.Create(IPv6DisabledForProcessAnalyzer.Rule, ConfigurationFileAnalyzer.LocationOf(path, text, entry.ValueStart, entry.ValueLength), what, "the whole process"));
            }
        }
    }
}
