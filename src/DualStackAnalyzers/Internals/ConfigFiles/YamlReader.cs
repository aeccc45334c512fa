using System;
using System.Collections.Generic;
using System.Threading;

namespace DualStackAnalyzers.Internals.ConfigFiles
{
    /// <summary>
    /// Reads the values of Kubernetes manifests and compose files that matter here, line by line (block YAML as these
    /// files are written): container <c>env</c> lists (<c>- name: X</c> / <c>value: Y</c>), compose <c>environment</c>
    /// maps (<c>X: Y</c>) and lists (<c>- X=Y</c>), and <c>--urls</c> in <c>args</c> / <c>command</c> (block or flow
    /// sequences, or one string). Every other scalar is kept as a setting so that DS0051 can read it.
    /// </summary>
    internal static class YamlReader
    {
        public static List<ConfigEntry> Read(string text, CancellationToken cancellationToken)
        {
            var entries = new List<ConfigEntry>();
            var commandTokens = new List<(string Text, int Start, bool Exact)>();
            var commandIndent = -1;
            string? pendingName = null;
            var pendingIndent = -1;
            var lineStart = 0;
            while (lineStart <= text.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = text.IndexOf('\n', lineStart);
                if (end < 0)
                {
                    end = text.Length;
                }

                var line = text.Substring(lineStart, end - lineStart).TrimEnd('\r');
                ReadLine(line, lineStart, entries, commandTokens, ref commandIndent, ref pendingName, ref pendingIndent);
                lineStart = end + 1;
            }

            ConfigFileKinds.AddUrlsArguments(commandTokens, entries);
            return entries;
        }

        private static void ReadLine(string line, int offset, List<ConfigEntry> entries, List<(string, int, bool)> commandTokens, ref int commandIndent, ref string? pendingName, ref int pendingIndent)
        {
            var content = StripComment(line);
            var indent = 0;
            while (indent < content.Length && content[indent] == ' ')
            {
                indent++;
            }

            if (indent >= content.Length || content.TrimStart().StartsWith("---", StringComparison.Ordinal))
            {
                return;
            }

            var i = indent;
            var isItem = content[i] == '-' && (i + 1 == content.Length || content[i + 1] == ' ');
            if (isItem)
            {
                i += 1;
                while (i < content.Length && content[i] == ' ')
                {
                    i++;
                }
            }

            // Leaving an args/command block sequence: its items form one command line.
            if (commandIndent >= 0 && (indent < commandIndent || (indent == commandIndent && !isItem)))
            {
                commandIndent = -1;
                ConfigFileKinds.AddUrlsArguments(commandTokens, entries);
                commandTokens.Clear();
            }

            if (commandIndent >= 0 && isItem)
            {
                var (itemText, itemStart, itemExact) = Scalar(content, i, offset);
                commandTokens.Add((itemText, itemStart, itemExact));
                return;
            }

            var colon = FindKeyColon(content, i);
            if (colon < 0)
            {
                if (isItem)
                {
                    // A plain list item: compose "- KEY=value", or any scalar.
                    var (item, start, exact) = Scalar(content, i, offset);
                    var eq = item.IndexOf('=');
                    if (eq > 0 && IsVariableName(item, eq))
                    {
                        entries.Add(new ConfigEntry(ConfigEntryKind.EnvironmentVariable, item.Substring(0, eq), item.Substring(eq + 1), start + eq + 1, item.Length - eq - 1, exact));
                    }
                    else if (item.Length > 0)
                    {
                        entries.Add(new ConfigEntry(ConfigEntryKind.Setting, string.Empty, item, start, item.Length, exact));
                    }
                }

                return;
            }

            var key = Unquote(content.Substring(i, colon - i).Trim());
            var valueIndex = colon + 1;
            while (valueIndex < content.Length && content[valueIndex] == ' ')
            {
                valueIndex++;
            }

            var keyIndent = i;
            if (valueIndex >= content.Length)
            {
                // "args:" or "command:" opens a block sequence.
                if (key == "args" || key == "command" || key == "entrypoint")
                {
                    ConfigFileKinds.AddUrlsArguments(commandTokens, entries);
                    commandTokens.Clear();
                    commandIndent = indent;
                }

                return;
            }

            var (value, valueStart, valueExact) = Scalar(content, valueIndex, offset);
            if (key == "args" || key == "command" || key == "entrypoint")
            {
                // Flow sequence ["--urls", "http://..."] or one command string.
                var raw = content.Substring(valueIndex);
                var tokens = raw.StartsWith("[", StringComparison.Ordinal)
                    ? FlowItems(raw, offset + valueIndex)
                    : ConfigFileKinds.ShellTokens(value, valueStart);
                ConfigFileKinds.AddUrlsArguments(tokens, entries);
                return;
            }

            if (key == "name" && isItem)
            {
                pendingName = value;
                pendingIndent = keyIndent;
                entries.Add(new ConfigEntry(ConfigEntryKind.Setting, key, value, valueStart, value.Length, valueExact));
                return;
            }

            if (key == "value" && pendingName is not null && keyIndent == pendingIndent)
            {
                entries.Add(new ConfigEntry(ConfigEntryKind.EnvironmentVariable, pendingName, value, valueStart, value.Length, valueExact));
                pendingName = null;
                return;
            }

            // compose: "ASPNETCORE_URLS: http://..." under environment; elsewhere a setting.
            var kind = IsVariableName(key, key.Length) && key.ToUpperInvariant() == key ? ConfigEntryKind.EnvironmentVariable : ConfigEntryKind.Setting;
            entries.Add(new ConfigEntry(kind, key, value, valueStart, value.Length, valueExact));
        }

        /// <summary>The scalar at <paramref name="index"/>: unquoted, with its file offset.</summary>
        private static (string Text, int Start, bool Exact) Scalar(string content, int index, int offset)
        {
            var raw = content.Substring(index).TrimEnd();
            if (raw.Length >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[raw.Length - 1] == raw[0])
            {
                var inner = raw.Substring(1, raw.Length - 2);
                return (inner, offset + index + 1, inner.IndexOf('\\') < 0 && inner.IndexOf("''", StringComparison.Ordinal) < 0);
            }

            return (raw, offset + index, true);
        }

        private static List<(string Text, int Start, bool Exact)> FlowItems(string raw, int offset)
        {
            var items = new List<(string, int, bool)>();
            var i = 1;
            while (i < raw.Length && raw[i] != ']')
            {
                while (i < raw.Length && (raw[i] == ' ' || raw[i] == ','))
                {
                    i++;
                }

                if (i >= raw.Length || raw[i] == ']')
                {
                    break;
                }

                if (raw[i] == '"' || raw[i] == '\'')
                {
                    var quote = raw[i];
                    var start = ++i;
                    while (i < raw.Length && raw[i] != quote)
                    {
                        i++;
                    }

                    items.Add((raw.Substring(start, Math.Min(i, raw.Length) - start), offset + start, true));
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < raw.Length && raw[i] != ',' && raw[i] != ']')
                    {
                        i++;
                    }

                    var item = raw.Substring(start, i - start).Trim();
                    items.Add((item, offset + start, true));
                }
            }

            return items;
        }

        /// <summary>The colon that ends a mapping key (followed by a space or the end), outside quotes; -1 if none.</summary>
        private static int FindKeyColon(string content, int start)
        {
            var quote = '\0';
            for (var i = start; i < content.Length; i++)
            {
                var c = content[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    if (i == start)
                    {
                        quote = c;
                    }
                    else
                    {
                        return -1;
                    }
                }
                else if (c == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
                {
                    return i;
                }
                else if (c == ' ' && i > start && content[i - 1] != ':')
                {
                    // Keys hold no spaces here ("a b: c" is rare in manifests); "http://x" has no ": ".
                    continue;
                }
            }

            return -1;
        }

        private static string StripComment(string line)
        {
            var quote = '\0';
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                }
                else if (c == '#' && (i == 0 || line[i - 1] == ' '))
                {
                    return line.Substring(0, i);
                }
            }

            return line;
        }

        private static string Unquote(string text)
            => text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[text.Length - 1] == text[0] ? text.Substring(1, text.Length - 2) : text;

        private static bool IsVariableName(string text, int length)
        {
            if (length == 0)
            {
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                var c = text[i];
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
