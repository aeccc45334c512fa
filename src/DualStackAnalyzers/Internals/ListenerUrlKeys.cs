using System;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The configuration keys and environment variables whose value is the URL set ASP.NET Core listens on
    /// (ground truth #21, #24, #25). Shared by the code rules and the configuration-file rules (issue 6).
    /// </summary>
    internal static class ListenerUrlKeys
    {
        /// <summary>
        /// <c>urls</c> (WebHostDefaults.ServerUrlsKey) or <c>Kestrel:Endpoints:{name}:Url</c>; configuration keys
        /// are case-insensitive.
        /// </summary>
        public static bool IsConfigurationKey(string key)
            => key.Equals("urls", StringComparison.OrdinalIgnoreCase) || IsKestrelEndpointUrl(key, ":");

        /// <summary>
        /// A configuration key that only Kestrel reads (<c>Kestrel:Endpoints:{name}:Url</c>): unambiguous wherever it is
        /// written, unlike <c>urls</c>.
        /// </summary>
        public static bool IsKestrelEndpointUrlKey(string key) => IsKestrelEndpointUrl(key, ":");

        /// <summary>
        /// <c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>, and <c>Kestrel__Endpoints__{name}__Url</c> with or without one
        /// of those prefixes (the environment configuration providers match prefixes case-insensitively).
        /// </summary>
        public static bool IsEnvironmentVariable(string name)
        {
            var prefixLength = StartsWith(name, "ASPNETCORE_") ? "ASPNETCORE_".Length : StartsWith(name, "DOTNET_") ? "DOTNET_".Length : 0;
            var rest = prefixLength == 0 ? name : name.Substring(prefixLength);

            // A bare URLS variable is not read by every host; the prefixed ones are.
            return (prefixLength > 0 && rest.Equals("URLS", StringComparison.OrdinalIgnoreCase)) || IsKestrelEndpointUrl(rest, "__");
        }

        /// <summary>Cheap pre-check on a constant before the exact tests: could it be one of the keys at all?</summary>
        public static bool MayBeKey(string text)
        {
            if (text.Length < 4)
            {
                return false;
            }

            switch (text[0])
            {
                case 'u':
                case 'U':
                case 'k':
                case 'K':
                case 'a':
                case 'A':
                case 'd':
                case 'D':
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsKestrelEndpointUrl(string key, string separator)
        {
            // Kestrel{sep}Endpoints{sep}{name}{sep}Url, with a name that holds no separator.
            var prefix = separator == ":" ? "Kestrel:Endpoints:" : "Kestrel__Endpoints__";
            var suffix = separator == ":" ? ":Url" : "__Url";
            return key.Length > prefix.Length + suffix.Length
                && StartsWith(key, prefix)
                && key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && key.IndexOf(separator, prefix.Length, key.Length - prefix.Length - suffix.Length, StringComparison.Ordinal) < 0;
        }

        private static bool StartsWith(string text, string prefix) => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
