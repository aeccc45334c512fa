using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Internals;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DualStackAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// DS0004 fixes (R9): Kestrel <c>Listen(IPAddress.Loopback, port)</c> → <c>ListenLocalhost(port)</c>; the URL host
    /// <c>127.0.0.1</c> → <c>localhost</c>. Both bind 127.0.0.1 and ::1 and tolerate a missing family; both are offered
    /// only for a written port other than 0 (the analyzer decides). Raw sockets get no fix: they need two sockets.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoopbackListenerIsIPv4OnlyFixer))]
    [Shared]
    public sealed class LoopbackListenerIsIPv4OnlyFixer : CodeFixProvider
    {
        public const string LocalhostKey = "DS0004.Localhost";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.LoopbackListenerIsIPv4Only);

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
                string title;
                if (UrlHostRewriter.CanRewrite(root, diagnostic))
                {
                    title = "Use 'localhost' as the host: 127.0.0.1 and ::1";
                }
                else if (diagnostic.Properties.ContainsKey(LoopbackListenerIsIPv4OnlyAnalyzer.ListenLocalhostProperty))
                {
                    title = "Use ListenLocalhost(port): 127.0.0.1 and ::1";
                }
                else
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    FixHelpers.Action(title, LocalhostKey, ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), LocalhostKey, ct)),
                    diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            SemanticModel? model = null;
            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var done = new HashSet<SyntaxNode>();
            var urls = new UrlHostRewriter();
            foreach (var diagnostic in diagnostics)
            {
                if (urls.Add(root, diagnostic) || !diagnostic.Properties.ContainsKey(LoopbackListenerIsIPv4OnlyAnalyzer.ListenLocalhostProperty))
                {
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var symbols = model is null ? null : NetSymbols.TryCreate(model.Compilation);
                var site = symbols is null ? null : BindSiteLocator.Find(root, model!, symbols, diagnostic, cancellationToken);
                if (site is { Kind: BindKind.KestrelListen, Port: not null, Operation.Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation })
                {
                    var port = site.Port.Syntax.WithoutTrivia().ToString();
                    FixHelpers.ReplaceOnce(editor, done, invocation, KestrelListenRewrite.ToPortOnly(invocation, "ListenLocalhost", port, site.Configure?.Syntax));
                }
            }

            urls.Apply(editor, done);
            return document.WithSyntaxRoot(editor.GetChangedRoot());
        }
    }
}
