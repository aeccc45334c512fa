using System;
using System.Collections.Generic;
using System.IO;

namespace DualStackAnalyzers.Internals.ConfigFiles
{
    /// <summary>The kinds of configuration and deployment files the package adds to AdditionalFiles.</summary>
    internal enum ConfigFileKind
    {
        None,
        AppSettings,
        LaunchSettings,
        RuntimeConfigTemplate,
        Dockerfile,
        Yaml,
    }

    /// <summary>What a value is in its file.</summary>
    internal enum ConfigEntryKind
    {
        /// <summary>A JSON string or YAML scalar under a configuration key path (<c>Kestrel:Endpoints:Http:Url</c>).</summary>
        Setting,

        /// <summary>An environment variable (Dockerfile ENV/ARG, manifest <c>env</c>, launch profile variables).</summary>
        EnvironmentVariable,

        /// <summary>The value of a <c>--urls</c> command-line argument (ENTRYPOINT, CMD, <c>args</c>, <c>command</c>).</summary>
        UrlsArgument,
    }

    /// <summary>
    /// One value read from a configuration file: its key, its text, and where the text is in the file.
    /// <see cref="Exact"/> says that each character of <see cref="Value"/> is one character of the file (no escapes),
    /// so a position inside the value maps to <c>ValueStart + index</c>.
    /// </summary>
    internal readonly struct ConfigEntry
    {
        public ConfigEntry(ConfigEntryKind kind, string key, string value, int valueStart, int valueLength, bool exact, bool isString = true)
        {
            Kind = kind;
            Key = key;
            Value = value;
            ValueStart = valueStart;
            ValueLength = valueLength;
            Exact = exact;
            IsString = isString;
        }

        public ConfigEntryKind Kind { get; }

        public string Key { get; }

        public string Value { get; }

        /// <summary>Offset in the file of the value's first character (after any opening quote).</summary>
        public int ValueStart { get; }

        /// <summary>Length of the value as written in the file.</summary>
        public int ValueLength { get; }

        public bool Exact { get; }

        /// <summary>False for JSON literals (true, false, numbers).</summary>
        public bool IsString { get; }

        /// <summary>The file span of <paramref name="length"/> characters at <paramref name="index"/> in the value; the whole value when not exact.</summary>
        public (int Start, int Length) SpanOf(int index, int length)
            => Exact && index >= 0 && index + length <= Value.Length ? (ValueStart + index, length) : (ValueStart, ValueLength);

        public override string ToString() => Kind + " " + Key + " = " + Value;
    }

    internal static class ConfigFileKinds
    {
        public static ConfigFileKind Classify(string path)
        {
            var name = Path.GetFileName(path);
            if (name.Length == 0)
            {
                return ConfigFileKind.None;
            }

            if (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return ConfigFileKind.AppSettings;
            }

            if (name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase))
            {
                return ConfigFileKind.LaunchSettings;
            }

            if (name.Equals("runtimeconfig.template.json", StringComparison.OrdinalIgnoreCase))
            {
                return ConfigFileKind.RuntimeConfigTemplate;
            }

            if (name.StartsWith("Dockerfile", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Containerfile", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase))
            {
                return ConfigFileKind.Dockerfile;
            }

            if (name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            {
                return ConfigFileKind.Yaml;
            }

            return ConfigFileKind.None;
        }

        /// <summary>Reads a file's values once; unreadable parts are skipped (a malformed file never throws).</summary>
        public static List<ConfigEntry> Read(ConfigFileKind kind, string text, System.Threading.CancellationToken cancellationToken)
        {
            switch (kind)
            {
                case ConfigFileKind.AppSettings:
                case ConfigFileKind.LaunchSettings:
                case ConfigFileKind.RuntimeConfigTemplate:
                    return JsonConfigReader.Read(text, kind == ConfigFileKind.LaunchSettings, cancellationToken);
                case ConfigFileKind.Dockerfile:
                    return DockerfileReader.Read(text, cancellationToken);
                case ConfigFileKind.Yaml:
                    return YamlReader.Read(text, cancellationToken);
                default:
                    return new List<ConfigEntry>();
            }
        }

        /// <summary>Adds an entry for every <c>--urls</c> value in a command line (<c>--urls X</c>, <c>--urls=X</c>).</summary>
        public static void AddUrlsArguments(List<(string Text, int Start, bool Exact)> tokens, List<ConfigEntry> entries)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                var (text, start, exact) = tokens[i];
                if (text.Equals("--urls", StringComparison.OrdinalIgnoreCase) && i + 1 < tokens.Count)
                {
                    var next = tokens[i + 1];
                    entries.Add(new ConfigEntry(ConfigEntryKind.UrlsArgument, "--urls", next.Text, next.Start, next.Text.Length, next.Exact));
                }
                else if (text.StartsWith("--urls=", StringComparison.OrdinalIgnoreCase))
                {
                    var value = text.Substring("--urls=".Length);
                    entries.Add(new ConfigEntry(ConfigEntryKind.UrlsArgument, "--urls", value, start + "--urls=".Length, value.Length, exact));
                }
            }
        }

        /// <summary>Splits shell-like text into tokens with their offsets; quotes are removed.</summary>
        public static List<(string Text, int Start, bool Exact)> ShellTokens(string text, int offset)
        {
            var tokens = new List<(string, int, bool)>();
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    break;
                }

                var quote = text[i] == '"' || text[i] == '\'' ? text[i] : '\0';
                var start = quote == '\0' ? i : i + 1;
                var end = start;
                if (quote != '\0')
                {
                    while (end < text.Length && text[end] != quote)
                    {
                        end++;
                    }

                    tokens.Add((text.Substring(start, end - start), offset + start, true));
                    i = Math.Min(text.Length, end + 1);
                }
                else
                {
                    while (end < text.Length && !char.IsWhiteSpace(text[end]))
                    {
                        end++;
                    }

                    // --urls="http://..." : drop the quotes around the value part.
                    var token = text.Substring(start, end - start);
                    var eq = token.IndexOf("=\"", StringComparison.Ordinal);
                    if (eq > 0 && token.EndsWith("\"", StringComparison.Ordinal) && token.Length > eq + 2)
                    {
                        tokens.Add((token.Substring(0, eq + 1) + token.Substring(eq + 2, token.Length - eq - 3), offset + start, false));
                    }
                    else
                    {
                        tokens.Add((token, offset + start, true));
                    }

                    i = end;
                }
            }

            return tokens;
        }
    }
}
