using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
    /// DS0006 fixes: the BCL's constructions that serve both families and fall back to IPv4 where the kernel has no
    /// IPv6 (T4). TcpListener → <c>TcpListener.Create(port)</c> (R1); Socket → <c>Socket(SocketType, ProtocolType)</c>
    /// and a bind to its own family's wildcard (R2); UdpClient → the CreateDualStackUdpClient helper (R4); Kestrel
    /// <c>Listen(IPv6Any, p)</c> → <c>ListenAnyIP(p)</c>; URL host <c>[::]</c> → <c>*</c> (R8). The DualMode statements go:
    /// the IPv4 socket of a fallback rejects DualMode.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DualStackListenerWithoutIPv4FallbackFixer))]
    [Shared]
    public sealed class DualStackListenerWithoutIPv4FallbackFixer : CodeFixProvider
    {
        public const string FallbackKey = "DS0006.IPv4Fallback";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.DualStackListenerHasNoIPv4Fallback);

        public override FixAllProvider GetFixAllProvider() => FixHelpers.CreateFixAllProvider(ApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            SemanticModel? model = null;
            foreach (var diagnostic in context.Diagnostics)
            {
                string? title;
                if (UrlHostRewriter.CanRewrite(root, diagnostic))
                {
                    title = "Use '*' as the host: dual-stack with an IPv4 fallback";
                }
                else
                {
                    model ??= await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                    title = model is null ? null : Plan.Create(root, model, context.Document, diagnostic, context.CancellationToken)?.Title;
                }

                if (title is not null)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        FixHelpers.Action(title, FallbackKey, ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), FallbackKey, ct)),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var done = new HashSet<SyntaxNode>();
            var urls = new UrlHostRewriter();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (!urls.Add(root, diagnostic))
                {
                    Plan.Create(root, model, document, diagnostic, cancellationToken)?.Apply(editor, done);
                }
            }

            urls.Apply(editor, done);
            return await FixHelpers.FinishAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The rewrite of one listener, decided again from the code (the analyzer said a fix is safe).</summary>
        private sealed class Plan
        {
            private readonly DualListenerSite listener;
            private readonly SemanticModel model;
            private readonly NetSymbols symbols;
            private readonly TargetFramework target;
            private readonly List<ExpressionStatementSyntax> dualModeStatements;

            private Plan(DualListenerSite listener, SemanticModel model, NetSymbols symbols, TargetFramework target, List<ExpressionStatementSyntax> dualModeStatements)
            {
                this.listener = listener;
                this.model = model;
                this.symbols = symbols;
                this.target = target;
                this.dualModeStatements = dualModeStatements;
                Title = ComputeTitle();
            }

            public string? Title { get; }

            private BindSite Site => listener.Site;

            private string PortText => Site.Port!.Syntax.WithoutTrivia().ToString();

            public static Plan? Create(SyntaxNode root, SemanticModel model, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                var symbols = NetSymbols.TryCreate(model.Compilation);
                if (symbols is null || diagnostic.Properties.ContainsKey(DualStackListenerWithoutIPv4FallbackAnalyzer.NoFixReasonProperty))
                {
                    return null;
                }

                var site = BindSiteLocator.Find(root, model, symbols, diagnostic, cancellationToken);
                var listener = site is null ? null : DualListenerSite.TryGet(site.Operation, symbols);
                if (listener is null)
                {
                    return null;
                }

                var statements = new List<ExpressionStatementSyntax>();
                if (listener.Owner is not null)
                {
                    var type = model.GetEnclosingSymbol(listener.Site.Operation.Syntax.SpanStart, cancellationToken)?.ContainingType;
                    var declarations = CompilationFacts.Declarations(type, listener.Site.Operation.Syntax);
                    if (DualModeSettings.OnStatements(listener.Owner, model, declarations) is not { } found)
                    {
                        return null;
                    }

                    statements = found;
                }

                return new Plan(listener, model, symbols, TargetFramework.From(model.Compilation, document.Project.AnalyzerOptions), statements);
            }

            private string? ComputeTitle()
            {
                switch (listener.Kind)
                {
                    case DualListenerKind.Kestrel when Site.Port is not null && Site.Operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                        return "Use ListenAnyIP(port): dual-stack with an IPv4 fallback";
                    case DualListenerKind.TcpListener when Site.Port is not null && DualStackRewrites.TcpListenerCreate(PortText, symbols, target) is not null:
                        return "Use TcpListener.Create(port): dual-stack with an IPv4 fallback";
                    case DualListenerKind.Socket when DualStackRewrites.DualSocket(listener.Creation!, symbols, target) is not null:
                        return "Create the Socket with Socket(SocketType, ProtocolType) and bind its family's wildcard (IPv4 where the OS has no IPv6)";
                    case DualListenerKind.DefaultSocket when !target.DualConstructorsLackIPv4Fallback || DualStackRewrites.DualSocket(listener.Creation!, symbols, target) is not null:
                        return "Bind the wildcard of the socket's own family (IPv4 where the OS has no IPv6)";
                    case DualListenerKind.UdpClient when Site.Port is not null && UdpHelper.CanAdd(listener.Creation!.Syntax, model)
                        && DualListenerSite.UdpBindShape(listener, dualModeStatements) is not null:
                        return "Create a dual-stack UdpClient with an IPv4 fallback";
                    default:
                        return null;
                }
            }

            public void Apply(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                if (Title is null)
                {
                    return;
                }

                var creation = listener.Creation;
                switch (listener.Kind)
                {
                    case DualListenerKind.Kestrel:
                        var invocation = (InvocationExpressionSyntax)Site.Operation.Syntax;
                        FixHelpers.ReplaceOnce(editor, done, invocation, KestrelListenRewrite.ToPortOnly(invocation, "ListenAnyIP", PortText, Site.Configure?.Syntax));
                        return;

                    case DualListenerKind.TcpListener:
                        FixHelpers.ReplaceOnce(editor, done, creation!.Syntax, FixHelpers.Expression(DualStackRewrites.TcpListenerCreate(PortText, symbols, target)!));
                        RemoveDualModeStatements(editor, done);
                        return;

                    case DualListenerKind.Socket:
                    case DualListenerKind.DefaultSocket:
                        if (target.DualConstructorsLackIPv4Fallback)
                        {
                            FixHelpers.ReplaceOnce(editor, done, creation!.Syntax, FixHelpers.Expression(DualStackRewrites.DualSocket(creation, symbols, target)!));
                        }
                        else if (SocketCreation.FamilyArgument(creation!) is { } family)
                        {
                            DualStackRewrites.RemoveArgument(editor, done, family.Value.Syntax);
                        }

                        var wildcard = DualStackRewrites.FamilyGuardedWildcard(Site.Receiver!.Syntax.WithoutTrivia().ToString());
                        if (Site.EndpointIsInline)
                        {
                            FixHelpers.ReplaceOnce(editor, done, Site.AddressValue!.Syntax, FixHelpers.Expression(wildcard));
                        }
                        else
                        {
                            FixHelpers.ReplaceOnce(editor, done, Site.AddressArgument!.Value.Syntax, FixHelpers.Expression("new System.Net.IPEndPoint(" + wildcard + ", " + PortText + ")"));
                        }

                        RemoveDualModeStatements(editor, done);
                        return;

                    case DualListenerKind.UdpClient:
                        var (_, removed) = DualListenerSite.UdpBindShape(listener, dualModeStatements)!.Value;
                        FixHelpers.ReplaceOnce(editor, done, creation!.Syntax, FixHelpers.Expression(UdpHelper.Name + "(" + PortText + ")"));
                        foreach (var statement in removed)
                        {
                            if (done.Add(statement))
                            {
                                editor.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                            }
                        }

                        UdpHelper.Ensure(editor, done, creation.Syntax, model);
                        return;
                }
            }

            private void RemoveDualModeStatements(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                foreach (var statement in dualModeStatements)
                {
                    if (done.Add(statement))
                    {
                        editor.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                    }
                }
            }
        }
    }
}
