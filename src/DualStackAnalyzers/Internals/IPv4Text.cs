using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Where in a string an IPv4 address was found (rules.md DS0020: the places where text is an address).</summary>
    internal enum AddressPosition
    {
        /// <summary>The whole literal is the address.</summary>
        WholeLiteral,

        /// <summary>The literal is a list of addresses (<c>"10.0.0.1, 10.0.0.2"</c>, <c>"10.0.0.1:9092,10.0.0.2:9092"</c>).</summary>
        AddressList,

        /// <summary>The host of a URL (<c>http://10.0.0.1:80/</c>, <c>amqp://u:p@10.0.0.1/</c>) or of a UNC path.</summary>
        UrlHost,

        /// <summary><c>10.0.0.1:5000</c>.</summary>
        HostAndPort,

        /// <summary><c>Server=</c>, <c>Host=</c>, <c>Data Source=</c>, <c>Address=</c>, <c>tcp:</c>.</summary>
        ConnectionString,
    }

    /// <summary>What an IPv4 address is, for the literal rules.</summary>
    internal enum IPv4Category
    {
        /// <summary>A host address: DS0020.</summary>
        Specific,

        /// <summary>127.0.0.0/8: DS0021.</summary>
        Loopback,

        /// <summary>Never reported: 0.0.0.0/8 (DS0001/DS0002 own 0.0.0.0), 255.255.255.255 and 240/4, netmasks,
        /// network bases (x.0.0.0, x.y.0.0), IPv4 multicast (DS0013), RFC 5737 documentation ranges.</summary>
        NotAHost,
    }

    /// <summary>An IPv4 address found in text: its value and where it is.</summary>
    internal readonly struct IPv4Match
    {
        public IPv4Match(uint value, int start, int length, AddressPosition position)
        {
            Value = value;
            Start = start;
            Length = length;
            Position = position;
        }

        /// <summary>The address, most significant octet first (10.0.0.1 = 0x0A000001).</summary>
        public uint Value { get; }

        public int Start { get; }

        public int Length { get; }

        public AddressPosition Position { get; }

        public override string ToString() => IPv4Text.Format(Value);
    }

    /// <summary>
    /// Finds IPv4 addresses in string values without regex or allocation on the common path. Only strict dotted-quad
    /// decimal counts (four parts, 0–255, no leading zeros): IPAddress.Parse also takes "1.2", "0x7f.1" and octal
    /// "010.1.1.1", which nobody writes as an address.
    /// </summary>
    internal static class IPv4Text
    {
        private const int MinLength = 7; // "1.1.1.1"
        private const int MaxLength = 15; // "255.255.255.255"

        /// <summary>
        /// The cheap first test: does the text hold a run of digits and dots of address length with three dots?
        /// One pass, two comparisons per character, no allocation.
        /// </summary>
        public static bool MayContainAddress(string? text)
        {
            if (text is null || text.Length < MinLength)
            {
                return false;
            }

            // Most literals have no dot: a vectorized search rejects them. An address starts at most three digits
            // before its first dot, so the scan starts there (a shorter run only lets more text through to Find).
            var firstDot = text.IndexOf('.');
            if (firstDot < 0)
            {
                return false;
            }

            var runStart = -1;
            var dots = 0;
            for (var i = Math.Max(0, firstDot - 3); i <= text.Length; i++)
            {
                var c = i < text.Length ? text[i] : '\0';
                if (c == '.')
                {
                    if (runStart < 0)
                    {
                        runStart = i;
                    }

                    dots++;
                }
                else if (c >= '0' && c <= '9')
                {
                    if (runStart < 0)
                    {
                        runStart = i;
                    }
                }
                else if (runStart >= 0)
                {
                    var length = i - runStart;
                    if (dots == 3 && length >= MinLength && length <= MaxLength)
                    {
                        return true;
                    }

                    runStart = -1;
                    dots = 0;
                }
            }

            return false;
        }

        /// <summary>Strict dotted-quad decimal: exactly four parts of 1–3 digits, each 0–255, no leading zero.</summary>
        public static bool TryParseStrict(string text, int start, int length, out uint value)
        {
            value = 0;
            if (length < MinLength || length > MaxLength || start < 0 || start + length > text.Length)
            {
                return false;
            }

            var end = start + length;
            var parts = 0;
            var i = start;
            while (true)
            {
                var partStart = i;
                var part = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9')
                {
                    part = (part * 10) + (text[i] - '0');
                    i++;
                    if (i - partStart > 3)
                    {
                        return false;
                    }
                }

                var digits = i - partStart;
                if (digits == 0 || part > 255 || (digits > 1 && text[partStart] == '0'))
                {
                    return false;
                }

                value = (value << 8) | (uint)part;
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
        }

        public static bool TryParseStrict(string text, out uint value) => TryParseStrict(text, 0, text.Length, out value);

        public static string Format(uint value)
            => (value >> 24) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);

        public static IPv4Category Categorize(uint value)
        {
            var first = value >> 24;
            if (first == 0 // 0.0.0.0/8 "this network"; 0.0.0.0 is the wildcard (DS0001/DS0002)
                || first >= 224 // IPv4 multicast (DS0013), 240/4 reserved, 255.255.255.255 broadcast
                || (value & 0xFFFF) == 0 // network bases x.y.0.0 and x.0.0.0 (127.0.0.0 too), or versions such as 1.2.0.0
                || IsNetmask(value)
                || (value & 0xFFFFFF00) == 0xC0000200 // 192.0.2.0/24 TEST-NET-1 (RFC 5737)
                || (value & 0xFFFFFF00) == 0xC6336400 // 198.51.100.0/24 TEST-NET-2
                || (value & 0xFFFFFF00) == 0xCB007100) // 203.0.113.0/24 TEST-NET-3
            {
                return IPv4Category.NotAHost;
            }

            return first == 127 ? IPv4Category.Loopback : IPv4Category.Specific;
        }

        /// <summary>A contiguous run of one bits from the top (255.255.255.0, 255.255.254.0, 255.255.255.252 ...).</summary>
        public static bool IsNetmask(uint value)
        {
            var inverted = ~value;
            return value != 0 && (inverted & (inverted + 1)) == 0;
        }

        /// <summary>
        /// Finds the addresses of <paramref name="text"/> that sit where text is an address. <paramref name="openStart"/>
        /// and <paramref name="openEnd"/> say that an interpolation hole adjoins the text there (its value is unknown,
        /// so a run of digits that touches it is not an address we can name). Returns null when there is none.
        /// </summary>
        public static List<IPv4Match>? Find(string text, bool openStart = false, bool openEnd = false)
        {
            if (!MayContainAddress(text))
            {
                return null;
            }

            List<IPv4Match>? matches = null;
            var isList = !openStart && !openEnd && IsAddressList(text);
            var i = 0;
            while (i < text.Length)
            {
                if (!IsDigitOrDot(text[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < text.Length && IsDigitOrDot(text[i]))
                {
                    i++;
                }

                if (!TryParseStrict(text, start, i - start, out var value))
                {
                    continue;
                }

                var position = isList ? AddressPosition.AddressList : Classify(text, start, i, openStart, openEnd);
                if (position is { } found)
                {
                    (matches ??= new List<IPv4Match>()).Add(new IPv4Match(value, start, i - start, found));
                }
            }

            return matches;
        }

        private static AddressPosition? Classify(string text, int start, int end, bool openStart, bool openEnd)
        {
            // Digits that touch an unknown hole may belong to a longer number.
            if ((start == 0 && openStart) || (end == text.Length && openEnd))
            {
                return null;
            }

            var previous = start > 0 ? text[start - 1] : '\0';
            var next = end < text.Length ? text[end] : '\0';
            if (IsWordChar(previous) || IsWordChar(next))
            {
                return null; // v1.2.3.4, 1.2.3.4b, x_1.2.3.4
            }

            if (previous == ':' && IsEmbeddedInIPv6(text, start - 1))
            {
                return null; // ::ffff:10.0.0.1, 64:ff9b::10.0.0.1: the IPv6 form of an IPv4 address
            }

            if (start == 0 && end == text.Length)
            {
                return AddressPosition.WholeLiteral;
            }

            if (IsUrlHost(text, start) && (next == '\0' || next == ':' || next == '/' || next == '?' || next == '#' || next == ',' || next == '\\'))
            {
                return AddressPosition.UrlHost;
            }

            if (IsConnectionStringHost(text, start) && (next == '\0' || next == ';' || next == ',' || next == ':' || next == '\\' || char.IsWhiteSpace(next)))
            {
                return AddressPosition.ConnectionString;
            }

            if (next == ':' && HasPort(text, end + 1, openEnd) && (previous == '\0' || IsSeparator(previous)))
            {
                return AddressPosition.HostAndPort;
            }

            return null;
        }

        private static bool IsDigitOrDot(char c) => c == '.' || (c >= '0' && c <= '9');

        private static bool IsWordChar(char c) => char.IsLetter(c) || c == '_';

        /// <summary>Characters that may precede a host:port inside larger text (not a letter, digit, dot or colon).</summary>
        private static bool IsSeparator(char c)
            => char.IsWhiteSpace(c) || c == ',' || c == ';' || c == '=' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '@' || c == '|' || c == '>' || c == '/';

        /// <summary>A port after the ':' at <paramref name="index"/>: 1–5 digits up to 65535, then a boundary.</summary>
        private static bool HasPort(string text, int index, bool openEnd) => HasPort(text, index, text.Length, openEnd);

        private static bool HasPort(string text, int index, int limit, bool openEnd)
        {
            if (index == limit)
            {
                return openEnd; // "10.0.0.1:{port}"
            }

            var port = 0;
            var i = index;
            while (i < limit && text[i] >= '0' && text[i] <= '9' && i - index < 6)
            {
                port = (port * 10) + (text[i] - '0');
                i++;
            }

            var digits = i - index;
            if (digits == 0 || digits > 5 || port > 65535)
            {
                return false;
            }

            return i == limit || !(char.IsLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_');
        }

        /// <summary>The ':' at <paramref name="colon"/> ends a run of hex digits and colons that has two colons or more.</summary>
        private static bool IsEmbeddedInIPv6(string text, int colon)
        {
            var colons = 0;
            for (var i = colon; i >= 0; i--)
            {
                var c = text[i];
                if (c == ':')
                {
                    colons++;
                }
                else if (!IsHex(c))
                {
                    break;
                }
            }

            return colons >= 2;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>After "//" (optionally user info "u:p@", or an earlier host and ',' as in mongodb://a,b/) or "\\" (UNC).</summary>
        private static bool IsUrlHost(string text, int start)
        {
            if (start >= 2 && text[start - 1] == '\\' && text[start - 2] == '\\')
            {
                return true;
            }

            for (var i = start - 1; i >= 1; i--)
            {
                var c = text[i];
                if (c == '/')
                {
                    return text[i - 1] == '/' && (i == start - 1 || text[start - 1] == '@' || text[start - 1] == ',');
                }

                if (char.IsWhiteSpace(c) || c == '?' || c == '#' || c == '\\' || c == '"' || c == '\'')
                {
                    return false;
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> ConnectionStringKeys = ImmutableArray.Create(
            "server", "host", "hostname", "host name", "data source", "datasource", "address", "addr", "network address");

        /// <summary>After "key=" (optionally "tcp:") for a host key, or after "tcp:", or a later host in "Host=a,b".</summary>
        private static bool IsConnectionStringHost(string text, int start)
        {
            var i = start - 1;
            if (i >= 0 && text[i] == ',')
            {
                // Host=10.0.0.1,10.0.0.2: walk back to '=' over host-list characters.
                while (i >= 0 && text[i] != '=' && text[i] != ';')
                {
                    i--;
                }

                if (i < 0 || text[i] != '=')
                {
                    return false;
                }

                return IsHostKey(text, i);
            }

            while (i >= 0 && text[i] == ' ')
            {
                i--;
            }

            if (i >= 3 && text[i] == ':' && EqualsIgnoreCase(text, i - 3, "tcp"))
            {
                var beforeTcp = i - 4;
                if (beforeTcp < 0 || !char.IsLetterOrDigit(text[beforeTcp]))
                {
                    return true; // tcp:10.0.0.1,1433 (also Server=tcp:...)
                }
            }

            return i >= 0 && text[i] == '=' && IsHostKey(text, i);
        }

        /// <summary>Is the key before the '=' at <paramref name="equals"/> one of the host keys?</summary>
        private static bool IsHostKey(string text, int equals)
        {
            var end = equals - 1;
            while (end >= 0 && text[end] == ' ')
            {
                end--;
            }

            var begin = end;
            while (begin >= 0 && text[begin] != ';' && text[begin] != '"' && text[begin] != '\'' && text[begin] != '?' && text[begin] != '&')
            {
                begin--;
            }

            begin++;
            while (begin <= end && text[begin] == ' ')
            {
                begin++;
            }

            var length = end - begin + 1;
            if (length <= 0)
            {
                return false;
            }

            foreach (var key in ConnectionStringKeys)
            {
                if (key.Length == length && EqualsIgnoreCase(text, begin, key))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EqualsIgnoreCase(string text, int start, string lowerCase)
        {
            if (start < 0 || start + lowerCase.Length > text.Length)
            {
                return false;
            }

            for (var i = 0; i < lowerCase.Length; i++)
            {
                if (char.ToLowerInvariant(text[start + i]) != lowerCase[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Every item between separators (',', ';', '|', whitespace) is an address, with an optional port.</summary>
        private static bool IsAddressList(string text)
        {
            var items = 0;
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && IsListSeparator(text[i]))
                {
                    i++;
                }

                if (i == text.Length)
                {
                    break;
                }

                var start = i;
                while (i < text.Length && !IsListSeparator(text[i]))
                {
                    i++;
                }

                if (!IsAddressItem(text, start, i))
                {
                    return false;
                }

                items++;
            }

            return items >= 2;
        }

        private static bool IsListSeparator(char c) => c == ',' || c == ';' || c == '|' || char.IsWhiteSpace(c);

        private static bool IsAddressItem(string text, int start, int end)
        {
            var colon = text.IndexOf(':', start, end - start);
            if (colon < 0)
            {
                return TryParseStrict(text, start, end - start, out _);
            }

            if (TryParseStrict(text, start, colon - start, out _) && text.IndexOf(':', colon + 1, end - colon - 1) < 0)
            {
                return HasPort(text, colon + 1, end, openEnd: false);
            }

            return IsIPv6Token(text, start, end);
        }

        /// <summary>An IPv6 address, bracketed or not, with an optional port after the bracket.</summary>
        public static bool IsIPv6Token(string text, int start, int end)
        {
            if (end - start < 2)
            {
                return false;
            }

            if (text[start] == '[')
            {
                var close = text.IndexOf(']', start, end - start);
                if (close < 0)
                {
                    return false;
                }

                start++;
                end = close;
            }

            var colons = 0;
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (c == ':')
                {
                    colons++;
                }
                else if (!IsHex(c) && c != '.' && c != '%')
                {
                    return false;
                }
            }

            return colons >= 2
                && System.Net.IPAddress.TryParse(text.Substring(start, end - start), out var address)
                && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        /// <summary>Does the text hold an IPv6 address as a token (between separators, quotes or brackets)?</summary>
        public static bool ContainsIPv6Address(string? text)
        {
            if (text is null || text.Length < 2 || text.IndexOf(':') < 0)
            {
                return false;
            }

            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && IsIPv6Delimiter(text[i]))
                {
                    i++;
                }

                var start = i;
                while (i < text.Length && !IsIPv6Delimiter(text[i]))
                {
                    i++;
                }

                if (i > start && IsIPv6Token(text, start, i))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsIPv6Delimiter(char c)
            => c == ',' || c == ';' || c == '|' || c == '"' || c == '\'' || c == '/' || c == '=' || c == '[' || c == ']' || c == '(' || c == ')' || char.IsWhiteSpace(c);
    }
}
