using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace DualStackAnalyzers.CodeFixes.Rules
{
    /// <summary>DS0002 fix: the host <c>0.0.0.0</c> becomes <c>*</c> inside the string, every other character unchanged (R8).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UrlBindsIPv4WildcardFixer))]
    [Shared]
    public sealed class UrlBindsIPv4WildcardFixer : CodeFixProvider
    {
        public const string WildcardHostKey = "DS0002.WildcardHost";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UrlBindsIPv4WildcardOnly);

        public override FixAllProvider GetFixAllProvider() => FixHelpers.CreateFixAllProvider(ApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (UrlHostRewriter.CanRewrite(root, diagnostic))
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        FixHelpers.Action(
                            "Use '*' as the host: dual-stack with an IPv4 fallback (now also reachable over IPv6)",
                            WildcardHostKey,
                            ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), WildcardHostKey, ct)),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var rewriter = new UrlHostRewriter();
            foreach (var diagnostic in diagnostics)
            {
                rewriter.Add(root, diagnostic);
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            rewriter.Apply(editor, new HashSet<SyntaxNode>());
            return document.WithSyntaxRoot(editor.GetChangedRoot());
        }
    }
}
