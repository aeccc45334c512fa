using System;
using System.Collections.Generic;

namespace DualStackAnalyzers.Internals
{
    /// <summary>What the host of a server URL is, the way Kestrel and HttpListener read it (ground truth #24, #26).</summary>
    internal enum UrlHostKind
    {
        /// <summary>Empty or not a host (<c>http://:5000</c>, <c>http://unix:/path</c> is a <see cref="Name"/>).</summary>
        Invalid,

        /// <summary><c>*</c> or <c>+</c>.</summary>
        Wildcard,

        /// <summary>A host name, <c>localhost</c> included.</summary>
        Name,

        /// <summary><c>0.0.0.0</c>.</summary>
        IPv4Any,

        /// <summary><c>127.x.y.z</c> (strict dotted quad).</summary>
        IPv4Loopback,

        /// <summary>Any other strict dotted quad.</summary>
        IPv4Other,

        /// <summary><c>[::]</c> (any spelling of the all-zero IPv6 address).</summary>
        IPv6Any,

        /// <summary><c>[::1]</c>.</summary>
        IPv6Loopback,

        /// <summary>Any other bracketed IPv6 literal.</summary>
        IPv6Other,
    }

    /// <summary>How the port of a URL is written.</summary>
    internal enum UrlPortKind
    {
        /// <summary>No port: the scheme's default (80, 443).</summary>
        Default,

        /// <summary>Digits written in the text (<see cref="UrlHost.Port"/>).</summary>
        Literal,

        /// <summary>The text ends where the port would be (an interpolation or a concatenation supplies it).</summary>
        Unknown,
    }

    /// <summary>One http/https URL found in a text; every position is an index into the scanned string.</summary>
    internal readonly struct UrlHost
    {
        public UrlHost(int urlStart, int urlEnd, int hostStart, int hostLength, UrlHostKind kind, UrlPortKind portKind, int port)
        {
            UrlStart = urlStart;
            UrlEnd = urlEnd;
            HostStart = hostStart;
            HostLength = hostLength;
            Kind = kind;
            PortKind = portKind;
            Port = port;
        }

        /// <summary>Where the URL starts (its scheme, or the <c>://</c> when the scheme is not in the text).</summary>
        public int UrlStart { get; }

        /// <summary>Where the URL ends (exclusive): a separator (<c>;</c>, <c>,</c>, white space, a quote) or the end of the text.</summary>
        public int UrlEnd { get; }

        /// <summary>Where the host starts; brackets of an IPv6 literal are part of it.</summary>
        public int HostStart { get; }

        public int HostLength { get; }

        public UrlHostKind Kind { get; }

        public UrlPortKind PortKind { get; }

        /// <summary>The port when <see cref="PortKind"/> is <see cref="UrlPortKind.Literal"/>; else -1.</summary>
        public int Port { get; }

        /// <summary>A port Kestrel can give to <c>localhost</c>: written and not 0, or the scheme's default.</summary>
        public bool HasNonZeroKnownPort => PortKind == UrlPortKind.Default || (PortKind == UrlPortKind.Literal && Port > 0);
    }

    /// <summary>
    /// Finds the hosts of http/https URLs in text without allocating unless a URL is there: C# string literals, the
    /// constant text of interpolations, and (issue 6) configuration values, Dockerfile lines and manifests. Several URLs
    /// may share one text (<c>"http://0.0.0.0:80;https://0.0.0.0:443"</c>, the <c>urls</c> setting's separator).
    /// </summary>
    internal static class UrlHostScanner
    {
        private const string SchemeSeparator = "://";

        /// <summary>The cheap test to run before <see cref="Scan"/>: is there a <c>://</c> at all?</summary>
        public static bool MayContainUrl(string text) => text.IndexOf(SchemeSeparator, StringComparison.Ordinal) >= 0;

        /// <summary>Scans the whole text (its end is the end of the value).</summary>
        public static List<UrlHost>? Scan(string text) => Scan(text, 0, text.Length, endIsOpen: false);

        /// <summary>
        /// Scans <paramref name="text"/> from <paramref name="start"/> to <paramref name="end"/> for http/https URLs.
        /// <paramref name="endIsOpen"/>: more text follows at run time (a concatenation or an interpolation), so a URL
        /// that reaches the end has an unknown port. Null when there is no URL.
        /// </summary>
        public static List<UrlHost>? Scan(string text, int start, int end, bool endIsOpen)
        {
            List<UrlHost>? found = null;
            var from = start;
            while (from < end)
            {
                var separator = text.IndexOf(SchemeSeparator, from, end - from, StringComparison.Ordinal);
                if (separator < 0)
                {
                    break;
                }

                from = separator + SchemeSeparator.Length;
                var urlStart = separator;
                while (urlStart > start && IsSchemeChar(text[urlStart - 1]))
                {
                    urlStart--;
                }

                // Only the schemes servers listen on; no scheme written means it comes from elsewhere ($"{scheme}://...").
                if (urlStart != separator && !IsHttpScheme(text, urlStart, separator - urlStart))
                {
                    continue;
                }

                var hostStart = separator + SchemeSeparator.Length;
                int hostEnd;
                if (hostStart < end && text[hostStart] == '[')
                {
                    var close = text.IndexOf(']', hostStart, end - hostStart);
                    if (close < 0)
                    {
                        continue;
                    }

                    hostEnd = close + 1;
                }
                else
                {
                    hostEnd = hostStart;
                    while (hostEnd < end && !IsHostTerminator(text[hostEnd]))
                    {
                        hostEnd++;
                    }
                }

                var kind = Classify(text, hostStart, hostEnd - hostStart);
                var portKind = UrlPortKind.Default;
                var port = -1;
                var position = hostEnd;
                if (hostEnd < end && text[hostEnd] == ':')
                {
                    position = hostEnd + 1;
                    var value = 0;
                    var digits = 0;
                    while (position < end && text[position] >= '0' && text[position] <= '9' && digits < 6)
                    {
                        value = (value * 10) + (text[position] - '0');
                        digits++;
                        position++;
                    }

                    var closed = position < end ? IsUrlTerminator(text[position]) || text[position] == '/' : !endIsOpen;
                    if (digits > 0 && closed && value <= 65535)
                    {
                        portKind = UrlPortKind.Literal;
                        port = value;
                    }
                    else
                    {
                        portKind = UrlPortKind.Unknown;
                    }
                }
                else if (hostEnd == end && endIsOpen)
                {
                    portKind = UrlPortKind.Unknown;
                }

                var urlEnd = position;
                while (urlEnd < end && !IsUrlTerminator(text[urlEnd]))
                {
                    urlEnd++;
                }

                found ??= new List<UrlHost>();
                found.Add(new UrlHost(urlStart, urlEnd, hostStart, hostEnd - hostStart, kind, portKind, port));
                from = Math.Max(from, hostEnd);
            }

            return found;
        }

        /// <summary>Classifies a host as written in a URL (brackets included for IPv6).</summary>
        public static UrlHostKind Classify(string text, int start, int length)
        {
            if (length == 0)
            {
                return UrlHostKind.Invalid;
            }

            var first = text[start];
            if (length == 1 && (first == '*' || first == '+'))
            {
                return UrlHostKind.Wildcard;
            }

            if (first == '[')
            {
                return ClassifyIPv6(text, start, length);
            }

            if (first >= '0' && first <= '9' && TryReadDottedQuad(text, start, length, out var firstOctet, out var allZero))
            {
                return allZero ? UrlHostKind.IPv4Any : firstOctet == 127 ? UrlHostKind.IPv4Loopback : UrlHostKind.IPv4Other;
            }

            for (var i = start; i < start + length; i++)
            {
                var c = text[i];
                if (!(char.IsLetterOrDigit(c) || c == '-' || c == '.' || c == '_'))
                {
                    return UrlHostKind.Invalid;
                }
            }

            // Digits and dots only, but not a strict dotted quad ("127.1", "0"): unusual forms, not classified.
            return IsDigitsAndDots(text, start, length) ? UrlHostKind.Invalid : UrlHostKind.Name;
        }

        /// <summary>Strict dotted-quad decimal: four parts, 0-255, no leading zeros.</summary>
        private static bool TryReadDottedQuad(string text, int start, int length, out int firstOctet, out bool allZero)
        {
            firstOctet = -1;
            allZero = true;
            var parts = 0;
            var i = start;
            var end = start + length;
            while (i <= end)
            {
                var partStart = i;
                var value = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9')
                {
                    value = (value * 10) + (text[i] - '0');
                    i++;
                    if (i - partStart > 3)
                    {
                        return false;
                    }
                }

                var digits = i - partStart;
                if (digits == 0 || value > 255 || (digits > 1 && text[partStart] == '0'))
                {
                    return false;
                }

                if (parts == 0)
                {
                    firstOctet = value;
                }

                allZero &= value == 0;
                parts++;
                if (i == end)
                {
                    return parts == 4;
                }

                if (text[i] != '.' || parts == 4)
                {
                    return false;
                }

                i++;
            }

            return false;
        }

        private static UrlHostKind ClassifyIPv6(string text, int start, int length)
        {
            if (length < 4 || text[start + length - 1] != ']')
            {
                return UrlHostKind.Invalid;
            }

            var inner = text.Substring(start + 1, length - 2);
            var zone = inner.IndexOf('%');
            if (zone >= 0)
            {
                inner = inner.Substring(0, zone);
            }

            if (inner.IndexOf(':') < 0 || !System.Net.IPAddress.TryParse(inner, out var address)
                || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return UrlHostKind.Invalid;
            }

            if (address.Equals(System.Net.IPAddress.IPv6Any))
            {
                return UrlHostKind.IPv6Any;
            }

            return address.Equals(System.Net.IPAddress.IPv6Loopback) ? UrlHostKind.IPv6Loopback : UrlHostKind.IPv6Other;
        }

        private static bool IsDigitsAndDots(string text, int start, int length)
        {
            for (var i = start; i < start + length; i++)
            {
                if (!(text[i] == '.' || (text[i] >= '0' && text[i] <= '9')))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHttpScheme(string text, int start, int length)
            => (length == 4 && string.Compare(text, start, "http", 0, 4, StringComparison.OrdinalIgnoreCase) == 0)
               || (length == 5 && string.Compare(text, start, "https", 0, 5, StringComparison.OrdinalIgnoreCase) == 0);

        private static bool IsSchemeChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';

        private static bool IsHostTerminator(char c) => c == ':' || c == '/' || c == '?' || c == '#' || c == '\\' || IsUrlTerminator(c);

        /// <summary>Where a URL ends in a list or in surrounding text: separators, white space, quotes, brackets of code.</summary>
        private static bool IsUrlTerminator(char c)
            => c == ';' || c == ',' || c == '"' || c == '\'' || c == '`' || c == '{' || c == '}' || c == '(' || c == ')' || c == '<' || c == '>' || c == '|' || char.IsWhiteSpace(c);
    }
}
