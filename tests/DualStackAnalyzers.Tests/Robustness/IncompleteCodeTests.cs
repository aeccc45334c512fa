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
        /// Cuts of the whole corpus (about a minute of CPU on 2 cores). Every source gets every token boundary up to a
        /// cap chosen so that the corpus fits the budget, and an even sample of cap cuts when it has more tokens.
        /// </summary>
        internal const int CutBudget = 2500;

        internal const int MinCutsPerSource = 6;

        internal const int MaxCutsPerSource = 80;

        /// <summary>Fix computations over the corpus (a fix formats and simplifies: ~20 times an analysis).</summary>
        internal const int FixBudget = 400;

        private static readonly Lazy<int> TotalSources = new Lazy<int>(() => TestSourceCorpus.RuleTestFiles().Sum(f => TestSourceCorpus.SourcesOf(f).Count));

        private static readonly Lazy<int> Cap = new Lazy<int>(() =>
        {
            var counts = TestSourceCorpus.RuleTestFiles().SelectMany(TestSourceCorpus.SourcesOf).Select(s => CuttableTokens(s).Count).ToList();
            var cap = MinCutsPerSource;
            while (cap < MaxCutsPerSource && counts.Sum(n => Math.Min(n, cap + 1)) <= CutBudget)
            {
                cap++;
            }

            return cap;
        });

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

        /// <summary>Sources with at most this many tokens (after the prepended usings) are cut at every token.</summary>
        internal static int CutsPerSource => Cap.Value;

        [Fact]
        public void EveryRuleTestFileYieldsSources()
        {
            Assert.NotEmpty(TestSourceCorpus.RuleTestFiles());
            Assert.All(TestSourceCorpus.RuleTestFiles(), file => Assert.NotEmpty(TestSourceCorpus.SourcesOf(file)));
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
            var perSource = CutsPerSource;
            var failures = new List<string>();
            var stopwatch = Stopwatch.StartNew();
            int cuts = 0, fixesComputed = 0;
            var fixTime = TimeSpan.Zero;

            using var workspace = new AdhocWorkspace();
            var document = RobustnessHarness.CreateProject(workspace, OutputKind.ConsoleApplication, new[] { ("Cut.cs", string.Empty) }).Documents.Single();
            await document.Project.GetCompilationAsync();

            foreach (var source in sources)
            {
                var fixContexts = new HashSet<string>(StringComparer.Ordinal);
                var sourceCuts = Cuts(source, perSource).ToList();
                var fixStride = Math.Max(1, sourceCuts.Count / Math.Max(2, FixBudget / Math.Max(1, TotalSources.Value)));
                var index = -1;
                foreach (var (description, text) in sourceCuts)
                {
                    cuts++;
                    index++;
                    var changed = document.WithText(SourceText.From(text));
                    var compilation = (await changed.Project.GetCompilationAsync())!;
                    var (diagnostics, exceptions) = await RobustnessHarness.AnalyzeAsync(compilation, changed.Project);
                    foreach (var exception in exceptions)
                    {
                        failures.Add($"{source.Origin}, {description}: {exception}");
                    }

                    var fixWatch = Stopwatch.StartNew();
                    var root = await changed.GetSyntaxRootAsync();
                    foreach (var diagnostic in diagnostics.Where(d => index % fixStride == 0 && RobustnessHarness.FixersById.Contains(d.Id)))
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

            output.WriteLine($"{file}: {sources.Count} sources, cap {perSource} cuts per source, {cuts} cuts analyzed, {fixesComputed} fixes computed ({fixTime.TotalSeconds:N1} s), {stopwatch.Elapsed.TotalSeconds:N1} s");
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
