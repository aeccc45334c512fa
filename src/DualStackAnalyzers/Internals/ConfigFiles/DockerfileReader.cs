using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace DualStackAnalyzers.Internals.ConfigFiles
{
    /// <summary>
    /// Reads a Dockerfile's <c>ENV</c> and <c>ARG</c> variables and the <c>--urls</c> arguments of <c>ENTRYPOINT</c>
    /// and <c>CMD</c> (exec and shell forms), joining <c>\</c>-continued lines and keeping file positions.
    /// </summary>
    internal static class DockerfileReader
    {
        public static List<ConfigEntry> Read(string text, CancellationToken cancellationToken)
        {
            var entries = new List<ConfigEntry>();
            foreach (var (line, offsets) in LogicalLines(text))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var i = 0;
                while (i < line.Length && char.IsWhiteSpace(line[i]))
                {
                    i++;
                }

                var wordStart = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i]))
                {
                    i++;
                }

                var instruction = line.Substring(wordStart, i - wordStart).ToUpperInvariant();
                var rest = line.Substring(i);
                var restOffset = i;
                switch (instruction)
                {
                    case "ENV":
                    case "ARG":
                        ReadVariables(rest, restOffset, offsets, entries);
                        break;
                    case "ENTRYPOINT":
                    case "CMD":
                        var tokens = rest.TrimStart().StartsWith("[", StringComparison.Ordinal) ? ExecTokens(rest, restOffset) : ConfigFileKinds.ShellTokens(rest, restOffset);
                        ConfigFileKinds.AddUrlsArguments(Map(tokens, offsets), entries);
                        break;
                }
            }

            return entries;
        }

        /// <summary><c>KEY=value KEY2="v 2"</c>, or the legacy <c>KEY value with spaces</c>.</summary>
        private static void ReadVariables(string rest, int restOffset, int[] offsets, List<ConfigEntry> entries)
        {
            var tokens = ConfigFileKinds.ShellTokens(rest, restOffset);
            if (tokens.Count == 0)
            {
                return;
            }

            if (tokens[0].Text.IndexOf('=') < 0)
            {
                // Legacy form: ENV KEY the rest of the line.
                var key = tokens[0].Text;
                if (tokens.Count > 1)
                {
                    var start = tokens[1].Start;
                    var value = rest.Substring(start - restOffset).TrimEnd();
                    if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                    {
                        value = value.Substring(1, value.Length - 2);
                        start++;
                    }

                    entries.Add(new ConfigEntry(ConfigEntryKind.EnvironmentVariable, key, value, Offset(offsets, start), value.Length, IsContiguous(offsets, start, value.Length)));
                }

                return;
            }

            // KEY=value pairs; quoted values were kept whole by the tokenizer only when the quote opens the token,
            // so split "KEY=\"v 2\"" by hand.
            var i = 0;
            while (i < rest.Length)
            {
                while (i < rest.Length && char.IsWhiteSpace(rest[i]))
                {
                    i++;
                }

                var keyStart = i;
                while (i < rest.Length && rest[i] != '=' && !char.IsWhiteSpace(rest[i]))
                {
                    i++;
                }

                if (i >= rest.Length || rest[i] != '=')
                {
                    // An ARG without a default, or junk: skip the word.
                    while (i < rest.Length && !char.IsWhiteSpace(rest[i]))
                    {
                        i++;
                    }

                    continue;
                }

                var key = rest.Substring(keyStart, i - keyStart);
                i++;
                int valueStart, valueEnd;
                if (i < rest.Length && (rest[i] == '"' || rest[i] == '\''))
                {
                    var quote = rest[i];
                    valueStart = ++i;
                    while (i < rest.Length && rest[i] != quote)
                    {
                        i += rest[i] == '\\' && quote == '"' ? 2 : 1;
                    }

                    valueEnd = Math.Min(i, rest.Length);
                    i = Math.Min(rest.Length, i + 1);
                }
                else
                {
                    valueStart = i;
                    while (i < rest.Length && !char.IsWhiteSpace(rest[i]))
                    {
                        i++;
                    }

                    valueEnd = i;
                }

                var value = rest.Substring(valueStart, valueEnd - valueStart);
                var absolute = restOffset + valueStart;
                entries.Add(new ConfigEntry(ConfigEntryKind.EnvironmentVariable, key, value, Offset(offsets, absolute), value.Length, value.IndexOf('\\') < 0 && IsContiguous(offsets, absolute, value.Length)));
            }
        }

        /// <summary>The strings of an exec-form JSON array: <c>["dotnet", "app.dll", "--urls", "http://*:80"]</c>.</summary>
        private static List<(string Text, int Start, bool Exact)> ExecTokens(string rest, int restOffset)
        {
            var tokens = new List<(string, int, bool)>();
            var i = 0;
            while (i < rest.Length)
            {
                if (rest[i] != '"')
                {
                    i++;
                    continue;
                }

                var start = ++i;
                var builder = new StringBuilder();
                var exact = true;
                while (i < rest.Length && rest[i] != '"')
                {
                    if (rest[i] == '\\' && i + 1 < rest.Length)
                    {
                        exact = false;
                        i++;
                    }

                    builder.Append(rest[i]);
                    i++;
                }

                tokens.Add((builder.ToString(), restOffset + start, exact));
                i++;
            }

            return tokens;
        }

        private static List<(string Text, int Start, bool Exact)> Map(List<(string Text, int Start, bool Exact)> tokens, int[] offsets)
        {
            var mapped = new List<(string, int, bool)>(tokens.Count);
            foreach (var (text, start, exact) in tokens)
            {
                mapped.Add((text, Offset(offsets, start), exact && IsContiguous(offsets, start, text.Length)));
            }

            return mapped;
        }

        private static int Offset(int[] offsets, int index) => index < offsets.Length ? offsets[index] : (offsets.Length == 0 ? 0 : offsets[offsets.Length - 1] + 1);

        /// <summary>The characters come from one physical line (no continuation inside them).</summary>
        private static bool IsContiguous(int[] offsets, int start, int length)
            => length == 0 || (start + length - 1 < offsets.Length && offsets[start + length - 1] - offsets[start] == length - 1);

        /// <summary>Joins <c>\</c>-continued lines and skips comment lines; each character keeps its file offset.</summary>
        private static IEnumerable<(string Line, int[] Offsets)> LogicalLines(string text)
        {
            var line = new StringBuilder();
            var offsets = new List<int>();
            var lineStart = 0;
            while (lineStart <= text.Length)
            {
                var end = text.IndexOf('\n', lineStart);
                if (end < 0)
                {
                    end = text.Length;
                }

                var physical = text.Substring(lineStart, end - lineStart).TrimEnd('\r');
                var trimmed = physical.TrimStart();
                if (!(trimmed.StartsWith("#", StringComparison.Ordinal) && line.Length == 0) && !(trimmed.StartsWith("#", StringComparison.Ordinal)))
                {
                    var continued = physical.TrimEnd().EndsWith("\\", StringComparison.Ordinal);
                    var content = continued ? physical.Substring(0, physical.LastIndexOf('\\')) : physical;
                    for (var k = 0; k < content.Length; k++)
                    {
                        line.Append(content[k]);
                        offsets.Add(lineStart + k);
                    }

                    if (!continued)
                    {
                        yield return (line.ToString(), offsets.ToArray());
                        line.Clear();
                        offsets.Clear();
                    }
                    else
                    {
                        line.Append(' ');
                        offsets.Add(lineStart + content.Length);
                    }
                }

                lineStart = end + 1;
            }

            if (line.Length > 0)
            {
                yield return (line.ToString(), offsets.ToArray());
            }
        }
    }
}
