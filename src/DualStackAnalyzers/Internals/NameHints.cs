using System;
using System.Collections.Immutable;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// What an identifier's words say about the value it holds. Words are split at case changes, digits and
    /// underscores ("clientIPAddress" = client, IP, Address), so "zip", "description" or "pipeline" are not "ip".
    /// </summary>
    internal static class NameHints
    {
        private static readonly ImmutableArray<string> IPOrHostWords = ImmutableArray.Create(
            "ip", "ips", "ipaddr", "ipaddress", "ipaddresses", "host", "hosts", "hostname", "hostnames",
            "address", "addresses", "addr", "addrs", "server", "servers", "endpoint", "endpoints");

        /// <summary>Words that make an "address" something other than a network address.</summary>
        private static readonly ImmutableArray<string> OtherAddressWords = ImmutableArray.Create(
            "email", "mail", "mac", "physical", "street", "postal", "billing", "shipping", "home", "wallet");

        /// <summary>Does the name say it holds an IP address or a host ("ipAddress", "Host", "serverAddress", "remote_ip")?</summary>
        public static bool IsIPOrHost(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            var found = false;
            var start = 0;
            while (NextWord(name!, ref start, out var wordStart, out var wordLength))
            {
                if (IsOneOf(name!, wordStart, wordLength, OtherAddressWords))
                {
                    return false;
                }

                found |= IsOneOf(name!, wordStart, wordLength, IPOrHostWords);
            }

            return found;
        }

        private static bool IsOneOf(string name, int start, int length, ImmutableArray<string> words)
        {
            foreach (var word in words)
            {
                if (word.Length == length && string.Compare(name, start, word, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The next word: a run of letters split before an upper-case letter that follows a lower-case one, and before the last capital of an acronym followed by lower case ("IPAddress" = IP, Address).</summary>
        private static bool NextWord(string name, ref int position, out int start, out int length)
        {
            while (position < name.Length && !char.IsLetter(name[position]))
            {
                position++;
            }

            start = position;
            if (position >= name.Length)
            {
                length = 0;
                return false;
            }

            position++;
            while (position < name.Length && char.IsLetter(name[position]))
            {
                var c = name[position];
                var previous = name[position - 1];
                if (char.IsUpper(c) && char.IsLower(previous))
                {
                    break;
                }

                if (char.IsUpper(c) && char.IsUpper(previous) && position + 1 < name.Length && char.IsLower(name[position + 1]))
                {
                    break;
                }

                position++;
            }

            length = position - start;
            return true;
        }
    }
}
