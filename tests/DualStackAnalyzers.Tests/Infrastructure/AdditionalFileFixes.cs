using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.Tests.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Runs a fixer on diagnostics in additional files the way the IDE does (Microsoft.CodeAnalysis.Testing 1.1.4 only
    /// applies fixes to source documents): one fix at a time, or the fixer's Fix All at project scope.
    /// </summary>
    public static class AdditionalFileFixes
    {
        public static async Task<Dictionary<string, string>> ApplyAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fixer, bool fixAll, params (string Path, string Text)[] files)
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "App", "App", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: FixedCode.RuntimeReferences.Value));
            project = project.AddDocument("C.cs", "class C { }").Project;
            foreach (var (path, text) in files)
            {
                project = project.AddAdditionalDocument(System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path).Project;
            }

            var solution = project.Solution;
            for (var round = 0; round < 50; round++)
            {
                project = solution.GetProject(project.Id)!;
                var diagnostics = await Diagnose(project, analyzer);
                var fixable = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
                CodeAction? action = null;
                if (fixAll && fixable.Length > 0)
                {
                    var provider = new Provider(diagnostics);
                    var context = new FixAllContext(project, fixer, FixAllScope.Project, null, fixer.FixableDiagnosticIds, provider, CancellationToken.None);
                    action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
                }
                else
                {
                    foreach (var diagnostic in fixable)
                    {
                        var document = project.AdditionalDocuments.Single(d => d.FilePath == diagnostic.Location.GetLineSpan().Path);
                        var actions = new List<CodeAction>();
                        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                        action = actions.FirstOrDefault();
                        if (action is not null)
                        {
                            break;
                        }
                    }
                }

                if (action is null)
                {
                    break;
                }

                var operations = await action.GetOperationsAsync(CancellationToken.None);
                solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
                if (fixAll)
                {
                    break;
                }
            }

            var result = new Dictionary<string, string>();
            foreach (var document in solution.GetProject(project.Id)!.AdditionalDocuments)
            {
                result[document.FilePath!] = (await document.GetTextAsync()).ToString();
            }

            return result;
        }

        public static async Task<ImmutableArray<Diagnostic>> Diagnose(Project project, DiagnosticAnalyzer analyzer)
        {
            var compilation = (await project.GetCompilationAsync())!;
            return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> diagnostics;

            public Provider(ImmutableArray<Diagnostic> diagnostics) => this.diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
        }
    }
}
