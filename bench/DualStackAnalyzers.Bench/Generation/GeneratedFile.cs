namespace DualStackAnalyzers.Bench.Generation
{
    /// <summary>One generated file: its path in the code base and its text.</summary>
    public sealed class GeneratedFile
    {
        public GeneratedFile(string path, string text, bool isAdditional = false)
        {
            Path = path;
            Text = text;
            IsAdditional = isAdditional;
        }

        /// <summary>Relative path, e.g. <c>Billing/M0042/Invoice42Service.cs</c>.</summary>
        public string Path { get; }

        public string Text { get; }

        /// <summary>A configuration or deployment file (appsettings.json, Dockerfile): an AdditionalFile, not a C# tree.</summary>
        public bool IsAdditional { get; }

        public int LineCount
        {
            get
            {
                var lines = 0;
                foreach (var c in Text)
                {
                    if (c == '\n')
                    {
                        lines++;
                    }
                }

                return lines;
            }
        }
    }
}
