using System.IO;
using System.Linq;
using System.Reflection;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DualStackAnalyzers.Tests.Meta
{
    /// <summary>Every rule the package ships has its ID registered, its doc page, its release-tracking row and its README row.</summary>
    public class DescriptorTests
    {
        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (var descriptor in Repository.Descriptors)
            {
                data.Add(descriptor.Id);
            }

            return data;
        }

        private static DiagnosticDescriptor Descriptor(string id) => Repository.Descriptors.Single(d => d.Id == id);

        [Fact]
        public void ThereAreRules() => Assert.NotEmpty(Repository.Descriptors);

        [Theory]
        [MemberData(nameof(Ids))]
        public void IdIsRegisteredInRuleIds(string id)
        {
            var registered = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
            Assert.Contains(id, registered);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryDescriptorOfTheIdAgrees(string id)
        {
            var all = Repository.Analyzers.SelectMany(a => a.SupportedDiagnostics).Where(d => d.Id == id).ToList();
            Assert.All(all, d =>
            {
                Assert.Equal(RuleDescriptors.HelpUri(id), d.HelpLinkUri);
                Assert.Equal(all[0].Title.ToString(), d.Title.ToString());
                Assert.Equal(all[0].Category, d.Category);
                Assert.Equal(all[0].DefaultSeverity, d.DefaultSeverity);
                Assert.True(d.IsEnabledByDefault);
                Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
            });
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void HelpLinkResolvesToADocPageWithExamples(string id)
        {
            var uri = Descriptor(id).HelpLinkUri;
            Assert.StartsWith(RuleDescriptors.HelpBaseUri, uri);
            var relative = uri.Substring(RuleDescriptors.HelpBaseUri.Length);
            var page = Repository.PathOf("docs", "rules", relative);
            Assert.True(File.Exists(page), "missing doc page " + page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + id + ": " + Descriptor(id).Title, text);
            Assert.Contains("## Non-compliant", text);
            Assert.Contains("## Compliant", text);
            Assert.Contains("```csharp", text);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void ReleaseTrackingListsTheRule(string id)
        {
            var d = Descriptor(id);
            var lines = File.ReadAllLines(Repository.PathOf("src", "DualStackAnalyzers", "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(Repository.PathOf("src", "DualStackAnalyzers", "AnalyzerReleases.Shipped.md")));
            var row = lines.Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).FirstOrDefault(c => c.Length >= 3 && c[0] == id);
            Assert.True(row is not null, id + " is not in AnalyzerReleases.*.md");
            Assert.Equal(d.Category, row![1]);
            Assert.Equal(d.DefaultSeverity.ToString(), row[2]);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void ReadmeRuleTableListsTheRule(string id)
        {
            var readme = File.ReadAllText(Repository.PathOf("README.md"));
            Assert.Contains($"[{id}](docs/rules/{id}.md)", readme);
        }
    }
}
