using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace DualStackAnalyzers.Internals.ConfigFiles
{
    /// <summary>
    /// A small JSON reader for configuration files that keeps each value's position and its configuration key path
    /// (<c>Kestrel:Endpoints:Http:Url</c>, array elements by index). It tolerates what ASP.NET Core's JSON
    /// configuration tolerates — <c>//</c> and <c>/* */</c> comments, trailing commas — and stops quietly at the first
    /// error, keeping the values read before it: a file being typed is normal input.
    /// </summary>
    internal sealed class JsonConfigReader
    {
        private const int MaxDepth = 64;
        private readonly string text;
        private readonly List<ConfigEntry> entries = new List<ConfigEntry>();
        private readonly CancellationToken cancellationToken;
        private readonly bool launchSettings;
        private int position;

        private JsonConfigReader(string text, bool launchSettings, CancellationToken cancellationToken)
        {
            this.text = text;
            this.launchSettings = launchSettings;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>True when the reader stopped at a syntax error (the entries before it are kept).</summary>
        public bool Malformed { get; private set; }

        public static List<ConfigEntry> Read(string text, bool launchSettings, CancellationToken cancellationToken)
        {
            var reader = new JsonConfigReader(text, launchSettings, cancellationToken);
            try
            {
                reader.SkipTrivia();
                if (reader.position < text.Length)
                {
                    reader.ReadValue(string.Empty, 0);
                }
            }
            catch (FormatException)
            {
                reader.Malformed = true;
            }

            return reader.entries;
        }

        private void ReadValue(string path, int depth)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (depth > MaxDepth)
            {
                throw new FormatException("too deep");
            }

            SkipTrivia();
            var c = Peek();
            switch (c)
            {
                case '{':
                    position++;
                    while (true)
                    {
                        SkipTrivia();
                        if (Peek() == '}')
                        {
                            position++;
                            return;
                        }

                        var (key, _, _, _) = ReadString();
                        SkipTrivia();
                        Expect(':');
                        ReadValue(path.Length == 0 ? key : path + ":" + key, depth + 1);
                        SkipTrivia();
                        if (Peek() == ',')
                        {
                            position++;
                            continue;
                        }

                        Expect('}');
                        return;
                    }

                case '[':
                    position++;
                    for (var index = 0; ; index++)
                    {
                        SkipTrivia();
                        if (Peek() == ']')
                        {
                            position++;
                            return;
                        }

                        ReadValue(path + ":" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), depth + 1);
                        SkipTrivia();
                        if (Peek() == ',')
                        {
                            position++;
                            continue;
                        }

                        Expect(']');
                        return;
                    }

                case '"':
                    var (value, start, length, exact) = ReadString();
                    Add(path, value, start, length, exact, isString: true);
                    return;

                default:
                    var literalStart = position;
                    while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '.' || text[position] == '-' || text[position] == '+'))
                    {
                        position++;
                    }

                    if (position == literalStart)
                    {
                        throw new FormatException("value expected");
                    }

                    Add(path, text.Substring(literalStart, position - literalStart), literalStart, position - literalStart, exact: true, isString: false);
                    return;
            }
        }

        private void Add(string path, string value, int start, int length, bool exact, bool isString)
        {
            var kind = ConfigEntryKind.Setting;
            var key = path;

            // launchSettings.json: profiles:{name}:environmentVariables:{VAR} are environment variables.
            if (launchSettings)
            {
                var marker = path.IndexOf(":environmentVariables:", StringComparison.OrdinalIgnoreCase);
                if (marker >= 0)
                {
                    kind = ConfigEntryKind.EnvironmentVariable;
                    key = path.Substring(marker + ":environmentVariables:".Length);
                }
                else if (path.EndsWith(":commandLineArgs", StringComparison.OrdinalIgnoreCase))
                {
                    ConfigFileKinds.AddUrlsArguments(ConfigFileKinds.ShellTokens(value, start), entries);
                }
            }

            entries.Add(new ConfigEntry(kind, key, value, start, length, exact, isString));
        }

        /// <summary>Reads a string; returns its value, the offset and length of its content in the file, and whether it had no escapes.</summary>
        private (string Value, int Start, int Length, bool Exact) ReadString()
        {
            Expect('"');
            var start = position;
            StringBuilder? builder = null;
            while (true)
            {
                if (position >= text.Length)
                {
                    throw new FormatException("unterminated string");
                }

                var c = text[position];
                if (c == '"')
                {
                    var length = position - start;
                    position++;
                    return builder is null ? (text.Substring(start, length), start, length, true) : (builder.ToString(), start, length, false);
                }

                if (c == '\n')
                {
                    throw new FormatException("newline in string");
                }

                if (c == '\\')
                {
                    builder ??= new StringBuilder(text, start, position - start, 64);
                    position++;
                    var e = Peek();
                    position++;
                    switch (e)
                    {
                        case 'n': builder.Append('\n'); break;
                        case 't': builder.Append('\t'); break;
                        case 'r': builder.Append('\r'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'u':
                            if (position + 4 > text.Length || !int.TryParse(text.Substring(position, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code))
                            {
                                throw new FormatException("bad escape");
                            }

                            builder.Append((char)code);
                            position += 4;
                            break;
                        default: builder.Append(e); break;
                    }

                    continue;
                }

                builder?.Append(c);
                position++;
            }
        }

        private void SkipTrivia()
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    position++;
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '/')
                {
                    while (position < text.Length && text[position] != '\n')
                    {
                        position++;
                    }
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '*')
                {
                    var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                    position = end < 0 ? text.Length : end + 2;
                }
                else
                {
                    return;
                }
            }
        }

        private char Peek() => position < text.Length ? text[position] : throw new FormatException("unexpected end");

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new FormatException(c + " expected");
            }

            position++;
        }
    }
}
