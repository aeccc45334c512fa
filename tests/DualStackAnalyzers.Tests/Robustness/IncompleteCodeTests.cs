using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Code that does not compile yet is the normal input of an analyzer (every keystroke in an editor). Every test
    /// source of every rule is cut at token boundaries (every boundary for small sources, an even sample for large ones)
    /// and has single tokens deleted; each cut is analyzed by every analyzer: no analyzer may throw (AD0001 silently
    /// disables it), and every code fix offered on a cut must compute without throwing.
    /// </summary>
    public class IncompleteCodeTests
    {
        /// <summary>
        /// Cuts the smallest sources get at every token boundary (about a minute of CPU on 2 cores, with the sample below):
        /// sources are taken from the smallest up while their tokens fit this budget.
        /// </summary>
        internal const int ExhaustiveBudget = 1000;

        /// <summary>Cuts spread over every other source (an even sample, half prefixes and half token deletions).</summary>
        internal const int SampleBudget = 1200;

        internal const int MinCutsPerSource = 2;

        private static readonly Lazy<Dictionary<string, int>> Plan = new Lazy<Dictionary<string, int>>(() =>
        {
            var sources = TestSourceCorpus.RuleTestFiles().SelectMany(TestSourceCorpus.SourcesOf)
                .Select(s => (Key: Key(s), Tokens: CuttableTokens(s).Count))
                .OrderBy(s => s.Tokens).ThenBy(s => s.Key, StringComparer.Ordinal)
                .ToList();
            var plan = new Dictionary<string, int>(StringComparer.Ordinal);
            var spent = 0;
            foreach (var (key, tokens) in sources)
            {
                if (spent + tokens > ExhaustiveBudget)
                {
                    break;
                }

                plan[key] = int.MaxValue;
                spent += tokens;
            }

            var sampled = Math.Max(MinCutsPerSource, SampleBudget / Math.Max(1, sources.Count - plan.Count));
            foreach (var (key, _) in sources)
            {
                if (!plan.ContainsKey(key))
                {
                    plan[key] = sampled;
                }
            }

            return plan;
        });

        private static string Key(CorpusSource source) => source.Origin + "#" + source.Text.GetHashCode(StringComparison.Ordinal);

        /// <summary>How many cuts a source gets: every token boundary (int.MaxValue) or a sample of this many.</summary>
        internal static int CutsFor(CorpusSource source) => Plan.Value.TryGetValue(Key(source), out var cuts) ? cuts : MinCutsPerSource;

        private readonly ITestOutputHelper output;

        public IncompleteCodeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static TheoryData<string> RuleTestFiles()
        {
            var data = new TheoryData<string>();
            foreach (var file in TestSourceCorpus.RuleTestFiles())
            {
                data.Add(file);
            }

            return data;
        }

        /// <summary>Every rule test file that compiles C# yields sources (the configuration-file tests may compile none).</summary>
        [Fact]
        public void EveryRuleTestFileYieldsSources()
        {
            Assert.NotEmpty(TestSourceCorpus.RuleTestFiles());
            Assert.All(TestSourceCorpus.RuleTestFiles(), file =>
            {
                var text = System.IO.File.ReadAllText(System.IO.Path.Combine(TestSourceCorpus.RulesDirectory, file));
                var compilesCSharp = new[] { "TestCode", "Sources.Usings", "Sources.KestrelUsings", "ParseText(" }.Any(k => text.Contains(k, StringComparison.Ordinal));
                Assert.True(!compilesCSharp || TestSourceCorpus.SourcesOf(file).Count > 0, file + " compiles C# but no source was extracted from it");
            });
        }

        /// <summary>The corpus is C# the rules fire on: its uncut sources give each rule test file's analyzer diagnostics.</summary>
        [Theory]
        [MemberData(nameof(RuleTestFiles))]
        public async Task UncutSourcesAreWhatTheRuleReports(string file)
        {
            var analyzer = Repository.Analyzers.FirstOrDefault(a => a.GetType().Name.Replace("Analyzer", string.Empty, StringComparison.Ordinal)
                == file.Replace("Tests.cs", string.Empty, StringComparison.Ordinal));
            if (analyzer is null)
            {
                return;
            }

            var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet();
            using var workspace = new AdhocWorkspace();
            var document = RobustnessHarness.CreateProject(workspace, OutputKind.ConsoleApplication, new[] { ("Cut.cs", string.Empty) }).Documents.Single();
            var reported = 0;
            foreach (var source in TestSourceCorpus.SourcesOf(file))
            {
                var changed = document.WithText(SourceText.From(source.Text));
                var (diagnostics, exceptions) = await RobustnessHarness.AnalyzeAsync((await changed.Project.GetCompilationAsync())!, changed.Project);
                Assert.Empty(exceptions);
                reported += diagnostics.Count(d => ids.Contains(d.Id));
            }

            // Rules that read configuration (options, AdditionalFiles) report nothing on C# alone.
            var testText = System.IO.File.ReadAllText(System.IO.Path.Combine(TestSourceCorpus.RulesDirectory, file));
            var readsConfiguration = new[] { "AdditionalFiles", "AnalyzerConfigFiles", ".editorconfig", ".globalconfig" }.Any(k => testText.Contains(k, StringComparison.Ordinal));
            Assert.True(reported > 0 || readsConfiguration, $"no {string.Join("/", ids)} diagnostic on any source extracted from {file}: the corpus extraction is broken");
        }

        [Theory]
        [MemberData(nameof(RuleTestFiles))]
        public async Task NoAnalyzerOrFixThrowsOnCutCode(string file)
        {
            var sources = TestSourceCorpus.SourcesOf(file);
            var exhaustive = 0;
            var failures = new List<string>();
            var stopwatch = Stopwatch.StartNew();
            int cuts = 0, fixesComputed = 0;
            var fixTime = TimeSpan.Zero;

            using var workspace = new AdhocWorkspace();
            var document = RobustnessHarness.CreateProject(workspace, OutputKind.ConsoleApplication, new[] { ("Cut.cs", string.Empty) }).Documents.Single();

            // Analysis runs on a compilation derived from one with the references bound (a workspace per cut costs a
            // third more); a cut whose fixes are computed goes through the workspace document the fixers need.
            var empty = (await document.Project.GetCompilationAsync())!;
            var emptyTree = (await document.GetSyntaxTreeAsync())!;

            foreach (var source in sources)
            {
                var fixContexts = new HashSet<string>(StringComparer.Ordinal);
                var budget = CutsFor(source);
                exhaustive += budget == int.MaxValue ? 1 : 0;
                var sourceCuts = Cuts(source, budget).ToList();
                // Fixes are computed on one cut of a source (the middle one): about one fix computation per source.
                var fixCut = sourceCuts.Count / 2;
                var index = -1;
                foreach (var (description, text) in sourceCuts)
                {
                    cuts++;
                    index++;
                    var cutTree = emptyTree.WithChangedText(SourceText.From(text));
                    var (diagnostics, exceptions) = await RobustnessHarness.AnalyzeAsync(empty.ReplaceSyntaxTree(emptyTree, cutTree), document.Project);
                    foreach (var exception in exceptions)
                    {
                        failures.Add($"{source.Origin}, {description}: {exception}");
                    }

                    if (index != fixCut || !diagnostics.Any(d => RobustnessHarness.FixersById.Contains(d.Id)))
                    {
                        continue;
                    }

                    var fixWatch = Stopwatch.StartNew();
                    var changed = document.WithText(SourceText.From(text));
                    var root = await changed.GetSyntaxRootAsync();
                    (diagnostics, _) = await RobustnessHarness.AnalyzeAsync((await changed.Project.GetCompilationAsync())!, changed.Project);
                    foreach (var diagnostic in diagnostics.Where(d => RobustnessHarness.FixersById.Contains(d.Id)))
                    {
                        // A fix sees the code around its diagnostic: compute it again only when that code is new.
                        if (!fixContexts.Add(diagnostic.Id + "@" + diagnostic.Location.SourceSpan + ":" + FixContext(root!, diagnostic.Location.SourceSpan)))
                        {
                            continue;
                        }

                        try
                        {
                            foreach (var action in await RobustnessHarness.ActionsAsync(changed, diagnostic))
                            {
                                await action.GetOperationsAsync(default);
                                fixesComputed++;
                            }
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            failures.Add($"{source.Origin}, {description}: the {diagnostic.Id} fix threw {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
                        }
                    }

                    fixTime += fixWatch.Elapsed;
                    if (failures.Count > 20)
                    {
                        break;
                    }
                }
            }

            output.WriteLine($"{file}: {sources.Count} sources ({exhaustive} cut at every token), {cuts} cuts analyzed, {fixesComputed} fixes computed ({fixTime.TotalSeconds:N1} s), {stopwatch.Elapsed.TotalSeconds:N1} s");
            Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(20)));
        }

        /// <summary>The member (or statement) around a span: what a fix reads and rewrites.</summary>
        private static string FixContext(SyntaxNode root, TextSpan span)
        {
            if (span.End > root.FullSpan.End)
            {
                return root.ToFullString();
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var member = node.AncestorsAndSelf().FirstOrDefault(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax
                and not Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax
                and not Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax);
            return (member ?? root).ToFullString();
        }

        /// <summary>The tokens of the test's own text (after the usings the corpus prepends).</summary>
        internal static List<SyntaxToken> CuttableTokens(CorpusSource source)
            => CSharpSyntaxTree.ParseText(source.Text, RobustnessHarness.ParseOptions).GetRoot().DescendantTokens()
                .Where(t => t.Span.Length > 0 && t.SpanStart >= source.PrefixLength)
                .ToList();

        /// <summary>
        /// The cuts of a source: the text up to every token's end (when the source has at most <paramref name="budget"/>
        /// tokens), or an even, deterministic sample of those prefixes and of the source with one token deleted.
        /// </summary>
        internal static IEnumerable<(string Description, string Text)> Cuts(CorpusSource source, int budget)
        {
            var text = source.Text;
            var tokens = CuttableTokens(source);
            if (tokens.Count == 0)
            {
                yield return ("whole", text);
                yield break;
            }

            if (tokens.Count <= budget)
            {
                foreach (var token in tokens)
                {
                    yield return ($"cut after '{token.Text}' at {token.Span.End}", text.Substring(0, token.Span.End));
                }

                yield break;
            }

            // Large: half prefixes, half deletions, evenly spread with an offset that depends on the text (deterministic).
            var prefixes = budget / 2;
            var deletions = budget - prefixes;
            var offset = (int)((uint)StableHash(text) % (uint)Math.Max(1, tokens.Count / prefixes));
            for (var i = 0; i < prefixes; i++)
            {
                var token = tokens[Math.Min(tokens.Count - 1, offset + (int)((long)i * tokens.Count / prefixes))];
                yield return ($"cut after '{token.Text}' at {token.Span.End}", text.Substring(0, token.Span.End));
            }

            for (var i = 0; i < deletions; i++)
            {
                var token = tokens[(offset + 1 + (int)((long)i * tokens.Count / deletions)) % tokens.Count];
                yield return ($"'{token.Text}' at {token.SpanStart} deleted", text.Remove(token.SpanStart, token.Span.Length));
            }
        }

        private static int StableHash(string text)
        {
            unchecked
            {
                var hash = (int)2166136261;
                foreach (var c in text)
                {
                    hash = (hash ^ c) * 16777619;
                }

                return hash;
            }
        }
    }
}
