using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.Bench.Generation;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Tests.Robustness
{
    /// <summary>
    /// What the robustness tests share: a workspace on the machine's .NET 10 + ASP.NET Core assemblies, all analyzers run
    /// with their exceptions collected, every fixer by diagnostic ID, and text-change span mapping.
    /// </summary>
    internal static class RobustnessHarness
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        private static readonly Lazy<ILookup<string, CodeFixProvider>> Fixers = new Lazy<ILookup<string, CodeFixProvider>>(() => Repository.FixerTypes
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .SelectMany(f => f.FixableDiagnosticIds.Select(id => (Id: id, Fixer: f)))
            .ToLookup(p => p.Id, p => p.Fixer, StringComparer.Ordinal));

        public static ILookup<string, CodeFixProvider> FixersById => Fixers.Value;

        private static readonly ImmutableHashSet<string> OurIds = Repository.Descriptors.Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);

        public static bool IsOurs(Diagnostic diagnostic) => OurIds.Contains(diagnostic.Id);

        /// <summary>A project of the given documents (path, text) with the runtime and ASP.NET Core references.</summary>
        public static Project CreateProject(AdhocWorkspace workspace, OutputKind kind, IEnumerable<(string Path, string Text)> documents, IEnumerable<(string Path, string Text)>? additionalFiles = null)
        {
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Robustness",
                "Robustness",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false),
                parseOptions: ParseOptions,
                metadataReferences: FrameworkReferences.RuntimeAndAspNet));
            foreach (var (path, text) in documents)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId, path), path, SourceText.From(text), filePath: "/src/" + path);
            }

            foreach (var (path, text) in additionalFiles ?? Enumerable.Empty<(string, string)>())
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId, path), path, SourceText.From(text), filePath: "/src/" + path);
            }

            if (!workspace.TryApplyChanges(solution))
            {
                throw new InvalidOperationException("could not create the project");
            }

            return workspace.CurrentSolution.GetProject(projectId)!;
        }

        /// <summary>Every analyzer on the compilation; exceptions (callback and AD0001) are returned, never thrown.</summary>
        public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<string> Exceptions)> AnalyzeAsync(Compilation compilation, Project project, CancellationToken cancellationToken = default)
        {
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(project.AdditionalDocuments.Select(d => (AdditionalText)new DocumentAdditionalText(d)).ToImmutableArray()),
                (exception, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add(analyzer.GetType().Name + " threw " + exception.GetType().Name + ": " + exception.Message + FirstFrames(exception));
                    }
                },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(Repository.Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Id == "AD0001")
                {
                    exceptions.Add(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return (diagnostics.Where(IsOurs).ToImmutableArray(), exceptions);
        }

        /// <summary>Compiler errors and every analyzer's diagnostics in one binding of the compilation.</summary>
        public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<Diagnostic> Errors, List<string> Exceptions)> AnalyzeWithCompilerAsync(Compilation compilation, Project project, CancellationToken cancellationToken = default)
        {
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(project.AdditionalDocuments.Select(d => (AdditionalText)new DocumentAdditionalText(d)).ToImmutableArray()),
                (exception, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add(analyzer.GetType().Name + " threw " + exception.GetType().Name + ": " + exception.Message + FirstFrames(exception));
                    }
                },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var all = await compilation.WithAnalyzers(Repository.Analyzers, options).GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            exceptions.AddRange(all.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
            return (all.Where(IsOurs).ToImmutableArray(), all.Where(d => d.Severity == DiagnosticSeverity.Error && !IsOurs(d)).ToList(), exceptions);
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Project, CompilationWithAnalyzers> PerProject = new System.Runtime.CompilerServices.ConditionalWeakTable<Project, CompilationWithAnalyzers>();

        /// <summary>One analyzer driver per project snapshot: documents of the same snapshot share its compilation-wide work.</summary>
        private static async Task<CompilationWithAnalyzers> AnalyzersOfAsync(Project project, CancellationToken cancellationToken)
        {
            if (PerProject.TryGetValue(project, out var existing))
            {
                return existing;
            }

            var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            var created = compilation.WithAnalyzers(Repository.Analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(project.AdditionalDocuments.Select(d => (AdditionalText)new DocumentAdditionalText(d)).ToImmutableArray()),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));
            return PerProject.GetValue(project, _ => created);
        }

        /// <summary>The analyzers' diagnostics of one document only (what a fix may have changed).</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(Document document, CancellationToken cancellationToken = default)
        {
            var withAnalyzers = await AnalyzersOfAsync(document.Project, cancellationToken).ConfigureAwait(false);
            var tree = (await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
            var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false);
            var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(withAnalyzers.Compilation.GetSemanticModel(tree), null, cancellationToken).ConfigureAwait(false);
            return syntax.AddRange(semantic).Where(IsOurs).ToImmutableArray();
        }

        /// <summary>The analyzers' diagnostics of one additional document (the whole project is analyzed: files are read at compilation end).</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAdditionalDocumentAsync(TextDocument document, CancellationToken cancellationToken = default)
        {
            var withAnalyzers = await AnalyzersOfAsync(document.Project, cancellationToken).ConfigureAwait(false);
            var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return all.Where(d => IsOurs(d) && d.Location.Kind == LocationKind.ExternalFile && PathOf(d) == document.FilePath).ToImmutableArray();
        }

        public static string? PathOf(Diagnostic diagnostic) => diagnostic.Location.SourceTree?.FilePath ?? diagnostic.Location.GetLineSpan().Path;

        /// <summary>The document a diagnostic is in: a C# document or an additional document (configuration files).</summary>
        public static TextDocument? DocumentOf(Project project, Diagnostic diagnostic)
        {
            if (diagnostic.Location.SourceTree is { } tree)
            {
                return project.GetDocument(tree);
            }

            var path = PathOf(diagnostic);
            return diagnostic.Location.Kind == LocationKind.ExternalFile
                ? project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == path || d.Name == path)
                : null;
        }

        /// <summary>Compiler errors of one document (declaration and method bodies).</summary>
        public static async Task<List<string>> ErrorsAsync(Document document, CancellationToken cancellationToken = default)
        {
            var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            return model.GetDiagnostics(cancellationToken: cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(e => e, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>The errors of <paramref name="after"/> that <paramref name="before"/> did not have (as a multiset).</summary>
        public static List<string> NewErrors(IEnumerable<string> before, IEnumerable<string> after)
        {
            var remaining = before.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var added = new List<string>();
            foreach (var error in after)
            {
                if (remaining.TryGetValue(error, out var count) && count > 0)
                {
                    remaining[error] = count - 1;
                }
                else
                {
                    added.Add(error);
                }
            }

            return added;
        }

        /// <summary>The actions every fixer registers for the diagnostic; nested actions flattened.</summary>
        public static async Task<List<CodeAction>> ActionsAsync(TextDocument document, Diagnostic diagnostic, CancellationToken cancellationToken = default)
        {
            var actions = new List<CodeAction>();
            foreach (var fixer in FixersById[diagnostic.Id])
            {
                actions.AddRange(await ActionsAsync(fixer, document, diagnostic, cancellationToken).ConfigureAwait(false));
            }

            return actions;
        }

        /// <summary>The actions one fixer registers, when it fixes this kind of document (C# or additional).</summary>
        public static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider fixer, TextDocument document, Diagnostic diagnostic, CancellationToken cancellationToken = default)
        {
            var registered = new List<CodeAction>();
            var kinds = fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>()?.DocumentKinds ?? new[] { nameof(TextDocumentKind.Document) };
            var kind = document is Document ? TextDocumentKind.Document : TextDocumentKind.AdditionalDocument;
            if (!kinds.Contains(kind.ToString()))
            {
                return registered;
            }

            var context = document is Document source
                ? new CodeFixContext(source, diagnostic, (action, _) => registered.Add(action), cancellationToken)
                : new CodeFixContext(document, diagnostic, (action, _) => registered.Add(action), cancellationToken);
            await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            return registered.SelectMany(Flatten).ToList();
        }

        public static IEnumerable<CodeAction> Flatten(CodeAction action)
        {
            var nested = NestedActions(action);
            if (nested.IsDefaultOrEmpty)
            {
                yield return action;
                yield break;
            }

            foreach (var child in nested)
            {
                foreach (var leaf in Flatten(child))
                {
                    yield return leaf;
                }
            }
        }

        private static ImmutableArray<CodeAction> NestedActions(CodeAction action)
        {
            foreach (var name in new[] { "NestedActions", "NestedCodeActions" })
            {
                var property = typeof(CodeAction).GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
                if (property?.GetValue(action) is ImmutableArray<CodeAction> nested)
                {
                    return nested;
                }
            }

            return ImmutableArray<CodeAction>.Empty;
        }

        /// <summary>The solution an action produces (its one ApplyChangesOperation).</summary>
        public static async Task<Solution> ApplyAsync(CodeAction action, CancellationToken cancellationToken = default)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().ToList();
            if (apply.Count != 1)
            {
                throw new InvalidOperationException($"'{action.Title}' produced {apply.Count} ApplyChangesOperations");
            }

            return apply[0].ChangedSolution;
        }

        /// <summary>
        /// Where <paramref name="span"/> of the old text is in the new text: positions shift with the edits before them;
        /// a position inside an edit widens to the whole new text of that edit.
        /// </summary>
        public static TextSpan MapSpan(TextSpan span, IReadOnlyList<TextChange> changes)
        {
            var start = MapPosition(span.Start, changes, towardStart: true);
            var end = Math.Max(start, MapPosition(span.End, changes, towardStart: false));
            return TextSpan.FromBounds(start, end);
        }

        private static int MapPosition(int position, IReadOnlyList<TextChange> changes, bool towardStart)
        {
            var delta = 0;
            foreach (var change in changes.OrderBy(c => c.Span.Start))
            {
                var newLength = change.NewText?.Length ?? 0;
                if (change.Span.End < position || (change.Span.End == position && towardStart && change.Span.Length > 0))
                {
                    delta += newLength - change.Span.Length;
                    continue;
                }

                if (change.Span.Start > position || (change.Span.Start == position && towardStart))
                {
                    break;
                }

                // The position is inside (or at the edge of) this edit.
                return towardStart ? change.Span.Start + delta : change.Span.Start + delta + newLength;
            }

            return position + delta;
        }

        public static bool Touches(TextSpan a, TextSpan b) => a.Start <= b.End && b.Start <= a.End;

        private static string FirstFrames(Exception exception)
        {
            var frames = (exception.StackTrace ?? string.Empty).Split('\n').Take(4).Select(f => f.Trim());
            return " @ " + string.Join(" | ", frames);
        }

        /// <summary>An additional document seen as the AdditionalText analyzers receive.</summary>
        private sealed class DocumentAdditionalText : AdditionalText
        {
            private readonly TextDocument document;

            public DocumentAdditionalText(TextDocument document)
            {
                this.document = document;
            }

            public override string Path => document.FilePath ?? document.Name;

            public override SourceText? GetText(CancellationToken cancellationToken = default)
                => document.GetTextAsync(cancellationToken).GetAwaiter().GetResult();
        }
    }
}
