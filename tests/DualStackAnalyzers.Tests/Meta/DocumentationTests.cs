using System;
using System.IO;
using System.Linq;
using System.Text;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DualStackAnalyzers.Tests.Meta
{
    /// <summary>
    /// The documentation that cannot drift: the README rule table is generated from the descriptors (run the tests with
    /// UPDATE_DOCS=1 to rewrite it), every option the analyzers read is documented (presets: PresetTests).
    /// </summary>
    public class DocumentationTests
    {
        private const string TableStart = "<!-- rules-table:start -->";
        private const string TableEnd = "<!-- rules-table:end -->";

        /// <summary>The README's rule table, from the descriptors.</summary>
        public static string RuleTable()
        {
            var table = new StringBuilder();
            table.Append("| ID | Title | Severity | Fix |\n|---|---|---|---|\n");
            foreach (var descriptor in Repository.Descriptors)
            {
                var fix = Repository.FixableIds.Contains(descriptor.Id) ? "Yes" : "Report only";
                table.Append($"| [{descriptor.Id}](docs/rules/{descriptor.Id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} | {fix} |\n");
            }

            return table.ToString();
        }

        [Fact]
        public void ReadmeRuleTableIsGeneratedFromTheDescriptors()
        {
            var path = Repository.PathOf("README.md");
            var readme = File.ReadAllText(path).Replace("\r\n", "\n");
            var start = readme.IndexOf(TableStart, StringComparison.Ordinal);
            var end = readme.IndexOf(TableEnd, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, "README.md lacks the rules-table markers");
            var current = readme.Substring(start + TableStart.Length, end - start - TableStart.Length).Trim('\n') + "\n";
            var expected = RuleTable();
            if (current != expected && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            {
                File.WriteAllText(path, readme.Substring(0, start + TableStart.Length) + "\n" + expected + readme.Substring(end));
                return;
            }

            Assert.True(current == expected, "The README rule table is out of date; run `UPDATE_DOCS=1 dotnet test --filter DocumentationTests`.\nExpected:\n" + expected);
        }

        [Fact]
        public void EveryOptionIsDocumented()
        {
            var configuration = File.ReadAllText(Repository.PathOf("docs", "configuration.md"));
            var keys = typeof(DualStackAnalyzers.Internals.DualStackOptions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Key", StringComparison.Ordinal))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, key => Assert.Contains("`" + key, configuration));
        }

        [Fact]
        public void DocsIndexLinksEveryRulePage()
        {
            var pages = Directory.GetFiles(Repository.PathOf("docs", "rules"), "DS*.md").Select(Path.GetFileNameWithoutExtension).ToList();
            Assert.All(pages, id => Assert.Contains(Repository.Descriptors, d => d.Id == id));
        }
    }
}
