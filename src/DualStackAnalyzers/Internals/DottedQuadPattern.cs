using System;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Recognises regular expressions that match dotted-quad IPv4 text (<c>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}</c>,
    /// <c>(\d{1,3}\.){3}\d{1,3}</c>, the <c>25[0-5]|2[0-4]\d|…</c> octet forms) and do not also accept IPv6 text.
    /// Reads the pattern text only: no regex engine, no allocation.
    /// </summary>
    internal static class DottedQuadPattern
    {
        /// <summary>True for a pattern that matches dotted-quad text and has no IPv6 alternative.</summary>
        public static bool IsIPv4Only(string? pattern)
            => pattern is not null && MatchesDottedQuad(pattern) && !AcceptsIPv6(pattern);

        /// <summary>Cheap first: an escaped dot and a digit class, then four dot-separated octets or a group repeated {3}.</summary>
        public static bool MatchesDottedQuad(string pattern)
        {
            if (pattern.Length < 8 || pattern.IndexOf(@"\.", StringComparison.Ordinal) < 0)
            {
                return false;
            }

            var digits = Count(pattern, @"\d") + Count(pattern, "0-9");
            if (digits == 0)
            {
                return false;
            }

            if (Count(pattern, @"\.") >= 3 && digits >= 4)
            {
                return true;
            }

            // (\d{1,3}\.){3}\d{1,3}, ((25[0-5]|…)\.){3}(25[0-5]|…), (\.\d{1,3}){3}
            for (var at = pattern.IndexOf("){3}", StringComparison.Ordinal); at >= 0; at = pattern.IndexOf("){3}", at + 1, StringComparison.Ordinal))
            {
                var open = MatchingOpen(pattern, at);
                if (open >= 0)
                {
                    var group = pattern.Substring(open, at - open);
                    if (group.IndexOf(@"\.", StringComparison.Ordinal) >= 0 && (group.IndexOf(@"\d", StringComparison.Ordinal) >= 0 || group.IndexOf("0-9", StringComparison.Ordinal) >= 0))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// An IPv6 alternative: a hex-digit class next to ':' (<c>[0-9a-fA-F]{1,4}:</c>), <c>::</c>, or ':' inside a class.
        /// A ':' alone (a port, <c>:\d+</c>) is not one.
        /// </summary>
        public static bool AcceptsIPv6(string pattern)
        {
            if (pattern.IndexOf(':') < 0)
            {
                return false;
            }

            return pattern.IndexOf("a-f", StringComparison.OrdinalIgnoreCase) >= 0
                || pattern.IndexOf("::", StringComparison.Ordinal) >= 0
                || pattern.IndexOf("[:", StringComparison.Ordinal) >= 0
                || pattern.IndexOf(":]", StringComparison.Ordinal) >= 0
                || pattern.IndexOf("xdigit", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static int Count(string text, string part)
        {
            var count = 0;
            for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        /// <summary>The index of the '(' that the ')' at <paramref name="close"/> closes; escaped parentheses do not count.</summary>
        private static int MatchingOpen(string pattern, int close)
        {
            var depth = 0;
            for (var i = close; i >= 0; i--)
            {
                var c = pattern[i];
                if (c != '(' && c != ')')
                {
                    continue;
                }

                if (i > 0 && pattern[i - 1] == '\\')
                {
                    continue;
                }

                depth += c == ')' ? 1 : -1;
                if (depth == 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
