using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// DS0050: <c>0.0.0.0</c> → <c>*</c> in the configuration file, every other byte unchanged. The diagnostics are in
    /// additional documents, so this fixer and its Fix All edit those documents' text.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConfigurationBindsIPv4WildcardFixer), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
    [Shared]
    public sealed class ConfigurationBindsIPv4WildcardFixer : CodeFixProvider
    {
        public const string Key = "DS0050.StarHost";
        private const string Title = "Use '*' as the host: listen on IPv4 and IPv6 (now also reachable over IPv6)";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ConfigurationBindsIPv4WildcardOnly);

        public override FixAllProvider GetFixAllProvider() => new AdditionalFileFixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.TextDocument;
            var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (IsFixable(text, diagnostic))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => FixAsync(document, ImmutableArray.Create(diagnostic), ct), Key),
                        diagnostic);
                }
            }
        }

        private static bool IsFixable(SourceText text, Diagnostic diagnostic)
        {
            var span = diagnostic.Location.SourceSpan;
            return span.End <= text.Length && text.ToString(span) == "0.0.0.0";
        }

        private static async Task<Solution> FixAsync(TextDocument document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var changes = diagnostics.Where(d => IsFixable(text, d)).Select(d => d.Location.SourceSpan).Distinct().Select(span => new TextChange(span, "*"));
            var solution = document.Project.Solution;
            return solution.WithAdditionalDocumentText(document.Id, text.WithChanges(changes));
        }

        /// <summary>Fix All over the additional documents of the document, project or solution in scope.</summary>
        private sealed class AdditionalFileFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
                => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                var projects = fixAllContext.Scope == FixAllScope.Solution
                    ? fixAllContext.Solution.Projects.ToList()
                    : new List<Project> { fixAllContext.Project };
                var solution = fixAllContext.Solution;
                foreach (var project in projects)
                {
                    var diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                    foreach (var group in diagnostics.Where(d => d.Location.Kind == LocationKind.ExternalFile).GroupBy(d => d.Location.GetLineSpan().Path))
                    {
                        var document = project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == group.Key || d.Name == group.Key);
                        if (document is null)
                        {
                            continue;
                        }

                        var current = solution.GetAdditionalDocument(document.Id)!;
                        solution = await FixAsync(current, group.ToImmutableArray(), fixAllContext.CancellationToken).ConfigureAwait(false);
                    }
                }

                var result = solution;
                return CodeAction.Create(Title, _ => Task.FromResult(result), Key);
            }
        }
    }
}
