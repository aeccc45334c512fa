using System;
using System.Collections.Generic;
using System.Linq;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DualStackAnalyzers.Tests.Internals
{
    /// <summary>
    /// Rules skip a type's syntax walk when a text search finds none of a trait's words (TypeTraits.WordsIn): that is
    /// sound only if every trait the walk finds comes with its words.
    /// </summary>
    public class TypeTraitsTests
    {
        [Fact]
        public void EveryTraitTheWalkFindsHasItsWordsInTheText()
        {
            var found = new Dictionary<TraitWords, int>();
            foreach (var file in TestSourceCorpus.RuleTestFiles())
            {
                foreach (var source in TestSourceCorpus.SourcesOf(file))
                {
                    var root = CSharpSyntaxTree.ParseText(source.Text, RobustnessHarness.ParseOptions).GetRoot();
                    var scopes = root.DescendantNodes().OfType<TypeDeclarationSyntax>().Cast<SyntaxNode>().Append(root);
                    foreach (var scope in scopes)
                    {
                        var walked = TypeTraits.Compute(new[] { scope }).Found;
                        var missing = walked & ~TypeTraits.WordsIn(new[] { scope });
                        Assert.True(missing == TraitWords.None, source.Origin + ": the walk finds " + missing + " the text search misses");
                        foreach (TraitWords flag in Enum.GetValues(typeof(TraitWords)))
                        {
                            if (flag != TraitWords.None && (walked & flag) != 0)
                            {
                                found[flag] = found.TryGetValue(flag, out var n) ? n + 1 : 1;
                            }
                        }
                    }
                }
            }

            // Not vacuous: the rule tests have types with every trait.
            Assert.Equal(4, found.Count);
        }

        [Theory]
        [InlineData("class C { void M(System.Net.Sockets.UdpClient c) => c.EnableBroadcast = true; }", (int)TraitWords.Protocol)]
        [InlineData("class C { string a = \"255.255.255.255\"; }", (int)TraitWords.Protocol)]
        [InlineData("class C { string a = \"FF02::1\"; }", (int)TraitWords.Protocol)]
        [InlineData("class C { object s = new System.Net.Sockets.UdpClient(5000, System.Net.Sockets.AddressFamily.InterNetworkV6); }", (int)(TraitWords.IPv6AnyBind | TraitWords.IPv6Family))]
        [InlineData("class C { void M(System.Net.Sockets.Socket s) => s.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 80)); }", (int)TraitWords.IPv6LoopbackBind)]
        [InlineData("class C { bool Any(int[] x) => x.Any(); string Url = \"http://0.0.0.0\"; }", (int)TraitWords.None)]
        public void WordsAreThoseOfTheText(string source, int expected)
        {
            var root = CSharpSyntaxTree.ParseText(source, RobustnessHarness.ParseOptions).GetRoot();
            Assert.Equal((TraitWords)expected, TypeTraits.WordsIn(new[] { root }));
        }
    }
}
