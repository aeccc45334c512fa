using System.Linq;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DualStackAnalyzers.Tests.Internals
{
    /// <summary>The index searches the tree's text for a name: it must find what a walk over every identifier finds.</summary>
    public class IdentifierIndexTests
    {
        [Fact]
        public void FindsEveryIdentifierNameAWalkFinds()
        {
            var names = 0;
            foreach (var file in TestSourceCorpus.RuleTestFiles())
            {
                foreach (var source in TestSourceCorpus.SourcesOf(file))
                {
                    var tree = CSharpSyntaxTree.ParseText(source.Text, RobustnessHarness.ParseOptions);
                    var walked = tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().ToLookup(i => i.Identifier.ValueText);
                    // A missing identifier (incomplete code) has no name to ask for.
                    foreach (var group in walked.Where(g => g.Key.Length > 0))
                    {
                        var indexed = IdentifierIndex.Named(tree, group.Key, default);
                        Assert.True(group.SequenceEqual(indexed), source.Origin + ": '" + group.Key + "' walk " + group.Count() + ", index " + indexed.Count);
                        names++;
                    }
                }
            }

            Assert.True(names > 1000);
        }

        [Theory]
        [InlineData("class C { int a; void M() { a = 1; var b = a + @a; } }", "a", 3)]
        [InlineData("class C { int ab; void M() { ab = 1; /* ab */ var s = \"ab\"; var t = $\"{ab}\"; } }", "ab", 2)]
        [InlineData("class C { void M() { var listener = 1; var listener2 = listener; } }", "listener", 1)]
        [InlineData("class C { void M() { M(); this.M(); } }", "M", 2)]
        public void CountsOnlyIdentifierNamesOfThatWord(string source, string name, int expected)
        {
            var tree = CSharpSyntaxTree.ParseText(source, RobustnessHarness.ParseOptions);
            Assert.Equal(expected, IdentifierIndex.Named(tree, name, default).Count);
        }
    }
}
