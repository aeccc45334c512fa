using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.Bench.Generation;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Every fix, applied for real on realistic code (samples/Ipv4OnlyApp and a slice of the benchmark's generated code
    /// base): the default action of every diagnostic one at a time, then Fix All per rule and key. The code must compile
    /// with no new error, the diagnostic must be gone from the fixed location, a fix must not produce code our rules flag,
    /// and after Fix All no diagnostic with a fix may be left (Fix All twice changes nothing).
    /// </summary>
    public class FixRoundTripTests
    {
        /// <summary>The implicit usings of a web project (Microsoft.NET.Sdk.Web), which the samples rely on.</summary>
        private const string WebImplicitUsings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Net.Http.Json;
            global using System.Threading;
            global using System.Threading.Tasks;
            global using Microsoft.AspNetCore.Builder;
            global using Microsoft.AspNetCore.Hosting;
            global using Microsoft.AspNetCore.Http;
            global using Microsoft.AspNetCore.Routing;
            global using Microsoft.Extensions.Configuration;
            global using Microsoft.Extensions.DependencyInjection;
            global using Microsoft.Extensions.Hosting;
            global using Microsoft.Extensions.Logging;

            """;

        private readonly ITestOutputHelper output;

        public FixRoundTripTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task FixesOfTheIPv4OnlySampleRoundTrip()
        {
            var directory = Repository.PathOf("samples", "Ipv4OnlyApp");
            var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            var sources = files.Where(f => f.EndsWith(".cs", StringComparison.Ordinal))
                .Select(f => (Path.GetRelativePath(directory, f), File.ReadAllText(f)))
                .Append(("ImplicitUsings.g.cs", WebImplicitUsings));
            var additional = files.Where(f => !f.EndsWith(".cs", StringComparison.Ordinal) && !f.EndsWith(".csproj", StringComparison.Ordinal))
                .Select(f => (Path.GetRelativePath(directory, f), File.ReadAllText(f)));

            using var workspace = new AdhocWorkspace();
            var project = RobustnessHarness.CreateProject(workspace, OutputKind.ConsoleApplication, sources, additional);
            var summary = await RoundTripAsync(project);
            output.WriteLine("samples/Ipv4OnlyApp: " + summary);
            Assert.True(summary.Applied > 0, "the sample offers no fix: " + summary);
        }

        [Fact]
        public async Task FixesOfGeneratedCodeRoundTrip()
        {
            // For every rule with a fix, the module of its first flagged pattern: a whole business module around it.
            var names = CodeBaseGenerator.FlaggedPatternNames;
            var modules = Enumerable.Range(0, names.Count)
                .Where(k => Repository.FixableIds.Contains(names[k].Split(' ')[0]))
                .GroupBy(k => names[k].Split(' ')[0])
                .Select(g => 3 + (g.First() * CodeBaseGenerator.SprinkleEvery))
                .ToList();
            Assert.NotEmpty(modules);
            var files = new[] { CodeBaseGenerator.UsingsFile(), CodeBaseGenerator.CoreFile() }
                .Concat(modules.SelectMany(i => CodeBaseGenerator.Module(i)))
                .ToList();

            using var workspace = new AdhocWorkspace();
            var project = RobustnessHarness.CreateProject(
                workspace,
                OutputKind.DynamicallyLinkedLibrary,
                files.Where(f => !f.IsAdditional).Select(f => (f.Path, f.Text)),
                files.Where(f => f.IsAdditional).Select(f => (f.Path, f.Text)));
            var summary = await RoundTripAsync(project);
            output.WriteLine($"generated code ({files.Count} files): " + summary);
            Assert.True(summary.Applied > 0, "the generated code offers no fix: " + summary);
        }

        internal sealed class Summary
        {
            public int Diagnostics { get; set; }

            public int Applied { get; set; }

            public int ReportOnly { get; set; }

            public int FixAllPasses { get; set; }

            public double Seconds { get; set; }

            public List<string> Phases { get; } = new List<string>();

            public SortedSet<string> Ids { get; } = new SortedSet<string>(StringComparer.Ordinal);

            public override string ToString()
                => $"{Diagnostics} diagnostics ({string.Join(", ", Ids)}), {Applied} fixes applied one at a time, {ReportOnly} without a fix, {FixAllPasses} Fix All passes, {Seconds:N1} s ({string.Join(", ", Phases)})";
        }

        private static async Task<Summary> RoundTripAsync(Project project)
        {
            var summary = new Summary();
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var failures = new List<string>();
            var baselineErrors = new BaselineErrors(project.Solution);
            var compilation = (await project.GetCompilationAsync())!;
            var (diagnostics, errors, exceptions) = await RobustnessHarness.AnalyzeWithCompilerAsync(compilation, project);
            Assert.True(errors.Count == 0, "the code does not compile before any fix: " + string.Join("; ", errors.Take(5)));
            Assert.Empty(exceptions);
            summary.Diagnostics = diagnostics.Length;
            summary.Phases.Add($"analysis {stopwatch.Elapsed.TotalSeconds:N1}");
            foreach (var diagnostic in diagnostics)
            {
                summary.Ids.Add(diagnostic.Id);
            }

            // 1. The default action of every diagnostic, alone.
            var defaults = new List<(Diagnostic Diagnostic, CodeFixProvider Fixer, string? Key)>();
            foreach (var diagnostic in diagnostics.Where(d => RobustnessHarness.FixersById.Contains(d.Id)).OrderBy(d => RobustnessHarness.PathOf(d), StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
            {
                var document = RobustnessHarness.DocumentOf(project, diagnostic);
                var (action, fixer) = document is null ? (null, null) : await DefaultActionAsync(document, diagnostic);
                if (action is null)
                {
                    summary.ReportOnly++;
                    continue;
                }

                defaults.Add((diagnostic, fixer!, action.EquivalenceKey));
                var where = $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan()} ('{action.Title}')";
                Solution fixedSolution;
                try
                {
                    fixedSolution = await RobustnessHarness.ApplyAsync(action);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failures.Add($"{where}: the fix threw {exception}");
                    continue;
                }

                summary.Applied++;
                await CheckFixedAsync(project.Solution, fixedSolution, diagnostics, new[] { diagnostic }, baselineErrors, where, failures);
            }

            summary.Phases.Add($"one at a time {stopwatch.Elapsed.TotalSeconds:N1}");

            // 2. Fix All per rule and equivalence key, in project scope, one after the other.
            var solution = project.Solution;
            foreach (var group in defaults.GroupBy(d => (d.Diagnostic.Id, d.Key, d.Fixer)))
            {
                var (id, key, fixer) = group.Key;
                var fixAll = fixer.GetFixAllProvider();
                if (fixAll is null)
                {
                    failures.Add($"{id}: {fixer.GetType().Name} has no Fix All provider");
                    continue;
                }

                var current = solution.GetProject(project.Id)!;
                var provider = new AnalyzerDiagnostics(group.Select(d => RobustnessHarness.DocumentOf(project, d.Diagnostic)!.Id).ToImmutableHashSet());
                var context = new FixAllContext(current, fixer, FixAllScope.Project, key, new[] { id }, provider, CancellationToken.None);
                try
                {
                    var action = await fixAll.GetFixAsync(context);
                    if (action is null)
                    {
                        failures.Add($"{id} ({key}): Fix All offered nothing for {group.Count()} fixable diagnostics");
                        continue;
                    }

                    solution = await RobustnessHarness.ApplyAsync(action);
                    summary.FixAllPasses++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failures.Add($"{id} ({key}): Fix All threw {exception}");
                }
            }

            summary.Phases.Add($"fix all {stopwatch.Elapsed.TotalSeconds:N1}");
            if (summary.FixAllPasses > 0)
            {
                var changed = await CheckFixedAsync(project.Solution, solution, diagnostics, defaults.Select(d => d.Diagnostic).ToList(), baselineErrors, "Fix All", failures);

                // Fix All twice changes nothing: no diagnostic that still offers a fix (in the documents Fix All changed).
                foreach (var (document, remaining) in changed)
                {
                    foreach (var diagnostic in remaining.Where(d => RobustnessHarness.FixersById.Contains(d.Id)))
                    {
                        var (action, _) = await DefaultActionAsync(document, diagnostic);
                        if (action is not null)
                        {
                            failures.Add($"after Fix All, {diagnostic.Id} at {diagnostic.Location.GetLineSpan()} still offers '{action.Title}' (Fix All twice would change the code)");
                        }
                    }
                }
            }

            summary.Phases.Add($"checked {stopwatch.Elapsed.TotalSeconds:N1}");
            summary.Seconds = stopwatch.Elapsed.TotalSeconds;
            Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n\n", failures.Take(25)));
            return summary;
        }

        private static async Task<(CodeAction? Action, CodeFixProvider? Fixer)> DefaultActionAsync(TextDocument document, Diagnostic diagnostic)
        {
            foreach (var fixer in RobustnessHarness.FixersById[diagnostic.Id])
            {
                var first = (await RobustnessHarness.ActionsAsync(fixer, document, diagnostic)).FirstOrDefault();
                if (first is not null)
                {
                    return (first, fixer);
                }
            }

            return (null, null);
        }

        /// <summary>
        /// After a fix of <paramref name="fixedDiagnostics"/>: no new compiler error in a changed document, none of those
        /// diagnostics left at its (mapped) location, and no diagnostic of ours that was not there before. Returns the
        /// changed documents with their diagnostics.
        /// </summary>
        private static async Task<List<(TextDocument Document, ImmutableArray<Diagnostic> Diagnostics)>> CheckFixedAsync(Solution before, Solution after, ImmutableArray<Diagnostic> original, IReadOnlyCollection<Diagnostic> fixedDiagnostics, BaselineErrors baselineErrors, string where, List<string> failures)
        {
            var result = new List<(TextDocument, ImmutableArray<Diagnostic>)>();
            var projectChanges = after.GetChanges(before).GetProjectChanges().ToList();
            var changedIds = projectChanges.SelectMany(p => p.GetChangedDocuments()).Concat(projectChanges.SelectMany(p => p.GetChangedAdditionalDocuments()));
            foreach (var documentId in changedIds)
            {
                var oldDocument = before.GetDocument(documentId) ?? (TextDocument)before.GetAdditionalDocument(documentId)!;
                var newDocument = after.GetDocument(documentId) ?? (TextDocument)after.GetAdditionalDocument(documentId)!;
                IReadOnlyList<TextChange> changes;
                ImmutableArray<Diagnostic> now;
                if (newDocument is Document newSource)
                {
                    var newErrors = RobustnessHarness.NewErrors(await baselineErrors.OfAsync(documentId), await RobustnessHarness.ErrorsAsync(newSource));
                    if (newErrors.Count > 0)
                    {
                        failures.Add($"{where}: new compiler errors in {newDocument.Name}: {string.Join("; ", newErrors.Take(5))}\n{await Excerpt(newDocument)}");
                    }

                    changes = (await newSource.GetSyntaxTreeAsync())!.GetChanges((await ((Document)oldDocument).GetSyntaxTreeAsync())!).ToList();
                    now = await RobustnessHarness.AnalyzeDocumentAsync(newSource);
                }
                else
                {
                    changes = (await newDocument.GetTextAsync()).GetTextChanges(await oldDocument.GetTextAsync()).ToList();
                    now = await RobustnessHarness.AnalyzeAdditionalDocumentAsync(newDocument);
                }

                result.Add((newDocument, now));
                var path = oldDocument.FilePath;
                var originalHere = original.Where(d => RobustnessHarness.PathOf(d) == path)
                    .Select(d => (Diagnostic: d, Mapped: RobustnessHarness.MapSpan(d.Location.SourceSpan, changes), Fixed: fixedDiagnostics.Contains(d)))
                    .ToList();
                foreach (var diagnostic in now)
                {
                    var span = diagnostic.Location.SourceSpan;
                    if (originalHere.Any(o => !o.Fixed && o.Diagnostic.Id == diagnostic.Id && RobustnessHarness.Touches(o.Mapped, span)))
                    {
                        continue;
                    }

                    var fixedHere = originalHere.FirstOrDefault(o => o.Fixed && o.Diagnostic.Id == diagnostic.Id && RobustnessHarness.Touches(o.Mapped, span));
                    failures.Add(fixedHere.Diagnostic is not null
                        ? $"{where}: {diagnostic.Id} is still reported at the fixed location {diagnostic.Location.GetLineSpan()}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n{await Excerpt(newDocument, span)}"
                        : $"{where}: the fixed code is flagged: {diagnostic.Id} at {diagnostic.Location.GetLineSpan()}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n{await Excerpt(newDocument, span)}");
                }
            }

            return result;
        }

        private static async Task<string> Excerpt(TextDocument document, TextSpan? span = null)
        {
            var text = await document.GetTextAsync();
            if (span is null)
            {
                return text.ToString();
            }

            var line = text.Lines.GetLineFromPosition(span.Value.Start).LineNumber;
            var from = Math.Max(0, line - 4);
            var to = Math.Min(text.Lines.Count - 1, line + 4);
            return text.ToString(TextSpan.FromBounds(text.Lines[from].Start, text.Lines[to].End));
        }

        /// <summary>The compiler errors of each document before any fix, computed when a fix changes the document.</summary>
        private sealed class BaselineErrors
        {
            private readonly Solution solution;
            private readonly Dictionary<DocumentId, List<string>> errors = new Dictionary<DocumentId, List<string>>();

            public BaselineErrors(Solution solution)
            {
                this.solution = solution;
            }

            public async Task<List<string>> OfAsync(DocumentId id)
            {
                if (!errors.TryGetValue(id, out var list))
                {
                    errors[id] = list = solution.GetDocument(id) is { } document ? await RobustnessHarness.ErrorsAsync(document) : new List<string>();
                }

                return list;
            }
        }

        /// <summary>
        /// The analyzers' current diagnostics for Fix All, from the documents that had the diagnostics being fixed (a
        /// document without any cannot gain one from this pass without the round-trip checks reporting it).
        /// </summary>
        private sealed class AnalyzerDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableHashSet<DocumentId> documents;

            public AnalyzerDiagnostics(ImmutableHashSet<DocumentId> documents)
            {
                this.documents = documents;
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => documents.Contains(document.Id) ? await RobustnessHarness.AnalyzeDocumentAsync(document, cancellationToken) : Enumerable.Empty<Diagnostic>();

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            {
                var all = new List<Diagnostic>();
                foreach (var id in documents)
                {
                    all.AddRange((project.GetDocument(id) ?? (TextDocument?)project.GetAdditionalDocument(id)) switch
                    {
                        Document document => await RobustnessHarness.AnalyzeDocumentAsync(document, cancellationToken),
                        TextDocument additional => await RobustnessHarness.AnalyzeAdditionalDocumentAsync(additional, cancellationToken),
                        _ => ImmutableArray<Diagnostic>.Empty,
                    });
                }

                return all;
            }
        }
    }
}
