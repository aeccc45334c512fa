using System;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The names and values of .NET's process-wide "no IPv6" setting (ground truth, fact 3), in one place for the
    /// code rule (DS0014) and the configuration-file rules (runtimeconfig, MSBuild items, Dockerfiles, manifests).
    /// The runtime reads the AppContext switch first, then the environment variable, and treats "1" or "true"
    /// (any case) as on [dotnet/runtime#55012]. Names are case-sensitive: AppContext keys and Linux environments are.
    /// </summary>
    internal static class DisableIPv6Setting
    {
        /// <summary>AppContext switch (code, runtimeconfig.json <c>configProperties</c>, RuntimeHostConfigurationOption). .NET 6+.</summary>
        public const string SwitchName = "System.Net.DisableIPv6";

        /// <summary>Environment variable read when the switch is not set. .NET 6+.</summary>
        public const string EnvironmentVariableName = "DOTNET_SYSTEM_NET_DISABLEIPV6";

        /// <summary>
        /// Older names that still circulate in Dockerfiles. .NET 10.0.12 ignores the variable [M: W-appdisable-sockets];
        /// the shipped setting (dotnet/runtime#55012, .NET 6) uses the names above, and these appear only in a source
        /// revision of the closed proposal dotnet/runtime#45893. They switch nothing off.
        /// </summary>
        public const string IgnoredEnvironmentVariableName = "DOTNET_SYSTEM_NET_SOCKETS_DISABLEIPV6";

        public const string IgnoredSwitchName = "System.Net.Sockets.DisableIPv6";

        /// <summary>The first .NET (Core) major version that reads the switch and the variable.</summary>
        public const int FirstRuntimeMajorVersion = 6;

        public static bool IsSwitchName(string? name) => string.Equals(name, SwitchName, StringComparison.Ordinal);

        public static bool IsEnvironmentVariableName(string? name) => string.Equals(name, EnvironmentVariableName, StringComparison.Ordinal);

        /// <summary>One of the never-shipped names: worth a note ("this does nothing"), not an outage.</summary>
        public static bool IsIgnoredName(string? name)
            => string.Equals(name, IgnoredEnvironmentVariableName, StringComparison.Ordinal) || string.Equals(name, IgnoredSwitchName, StringComparison.Ordinal);

        /// <summary>Does the environment variable's value switch IPv6 off? The runtime accepts "1" and "true" (any case), untrimmed.</summary>
        public static bool IsOnEnvironmentValue(string? value)
            => value is not null && (value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Does a string value of the switch (AppContext.SetData, runtimeconfig.json, RuntimeHostConfigurationOption
        /// Value) switch IPv6 off? AppContext parses string data with bool.TryParse, which ignores case and surrounding
        /// white space; "1" is not a boolean there.
        /// </summary>
        public static bool IsOnSwitchValue(string? value)
            => value is not null && bool.TryParse(value, out var on) && on;
    }
}
