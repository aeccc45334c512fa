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
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// DS0010 fixes: Socket → <c>new Socket(SocketType, ProtocolType)</c>; TcpClient → <c>new TcpClient()</c> (3.0+) or an
    /// OSSupportsIPv6-guarded IPv6 + DualMode client; UdpClient → R4 (bound: the CreateDualStackUdpClient helper;
    /// unbound: the guarded IPv6 + DualMode client).
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(IPv4OnlySocketFixer))]
    [Shared]
    public sealed class IPv4OnlySocketFixer : CodeFixProvider
    {
        public const string DualStackKey = "DS0010.DualStack";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SocketCreatedIPv4Only);

        public override FixAllProvider GetFixAllProvider() => FixHelpers.CreateFixAllProvider(ApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var facts = model is null ? null : CompilationFacts.TryCreate(model.Compilation, context.Document.Project.AnalyzerOptions);
            if (root is null || model is null || facts is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = Plan.Create(root, model, facts, diagnostic, context.CancellationToken);
                if (plan is not null)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        FixHelpers.Action(plan.Title, DualStackKey, ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), DualStackKey, ct)),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var facts = model is null ? null : CompilationFacts.TryCreate(model.Compilation, document.Project.AnalyzerOptions);
            if (root is null || model is null || facts is null)
            {
                return document;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var done = new HashSet<SyntaxNode>();
            var plans = diagnostics.OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => Plan.Create(root, model, facts, d, cancellationToken))
                .OfType<Plan>()
                .ToList();
            foreach (var plan in plans)
            {
                plan.Apply(editor, done);
            }

            // Only once every creation is rewritten can a family local be seen to be unread.
            var replaced = plans.Select(p => p.CreationSyntax).ToList();
            foreach (var local in plans.Select(p => p.FamilyLocal).OfType<ILocalSymbol>().Distinct(SymbolEqualityComparer.Default).OfType<ILocalSymbol>())
            {
                DualStackRewrites.RemoveUnusedLocal(editor, done, local, model, replaced, cancellationToken);
            }

            return await FixHelpers.FinishAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        private sealed class Plan
        {
            private readonly System.Action<SyntaxEditor, HashSet<SyntaxNode>> apply;

            private Plan(SyntaxNode creationSyntax, string title, ILocalSymbol? familyLocal, System.Action<SyntaxEditor, HashSet<SyntaxNode>> apply)
            {
                CreationSyntax = creationSyntax;
                Title = title;
                FamilyLocal = familyLocal;
                this.apply = apply;
            }

            public string Title { get; }

            public SyntaxNode CreationSyntax { get; }

            /// <summary>The local the family came through; its declaration goes when nothing else reads it.</summary>
            public ILocalSymbol? FamilyLocal { get; }

            public static Plan? Create(SyntaxNode root, SemanticModel model, CompilationFacts facts, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.Properties.ContainsKey(IPv4OnlySocketAnalyzer.NoFixReasonProperty)
                    || !diagnostic.Properties.TryGetValue(IPv4OnlySocketAnalyzer.KindProperty, out var kind)
                    || DualStackRewrites.EnclosingCreation(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not { } syntax
                    || model.GetOperation(syntax, cancellationToken) is not IObjectCreationOperation creation
                    || IPv4OnlySocketAnalyzer.Classify(creation, facts) is not { } found
                    || found.Kind != kind)
                {
                    return null;
                }

                var symbols = facts.Symbols;
                var target = facts.Target;
                var familyArgument = SocketCreation.FamilyArgument(creation)?.Value.Syntax;
                var familyLocal = found.Family.Travel == FamilyTravel.Local
                    && OperationHelpers.SkipConversions(SocketCreation.FamilyArgument(creation)?.Value) is ILocalReferenceOperation local ? local.Local : null;

                // The guarded forms repeat the creation in two arms: an object initializer would have to be copied, so leave those alone.
                var hasInitializer = creation.Initializer is not null;
                switch (kind)
                {
                    case IPv4OnlySocketAnalyzer.KindSocket when !target.DualConstructorsLackIPv4Fallback:
                        return familyArgument is not null && DualStackRewrites.HasConstructor(symbols.Socket, "SocketType", "ProtocolType")
                            ? new Plan(syntax, "Create a dual-stack Socket(SocketType, ProtocolType) (IPv4 where the OS has no IPv6)", familyLocal,
                                (editor, done) => DualStackRewrites.RemoveArgument(editor, done, familyArgument))
                            : null;

                    case IPv4OnlySocketAnalyzer.KindSocket:
                        return DualStackRewrites.DualSocket(creation, symbols, target) is { } socket && !hasInitializer
                            ? Replace(syntax, socket, "Create a dual-stack Socket(SocketType, ProtocolType) with an explicit IPv4 fallback", familyLocal)
                            : null;

                    case IPv4OnlySocketAnalyzer.KindTcpClient when !target.TcpClientDefaultIsIPv4Only:
                        return familyArgument is not null && DualStackRewrites.HasConstructor(symbols.TcpClient)
                            ? new Plan(syntax, "Use new TcpClient(): dual-stack with an IPv4 fallback", familyLocal,
                                (editor, done) => DualStackRewrites.RemoveArgument(editor, done, familyArgument))
                            : null;

                    case IPv4OnlySocketAnalyzer.KindTcpClient:
                    case IPv4OnlySocketAnalyzer.KindUnboundUdpClient:
                        return DualStackRewrites.GuardedDualClient(creation.Type!.Name, symbols) is { } client && !hasInitializer
                            ? Replace(syntax, client, "Create an IPv6 " + creation.Type!.Name + " with DualMode where the OS has IPv6 (IPv4 otherwise)", familyLocal)
                            : null;

                    case IPv4OnlySocketAnalyzer.KindBoundUdpClient when found.Port is not null && !hasInitializer
                        && NetSymbols.HasMember(symbols.Socket, "DualMode") && UdpHelper.CanAdd(syntax, model):
                        var call = UdpHelper.Name + "(" + found.Port.Syntax.WithoutTrivia() + ")";
                        return new Plan(syntax, "Create a dual-stack UdpClient with an IPv4 fallback (now also reachable over IPv6)", familyLocal, (editor, done) =>
                        {
                            FixHelpers.ReplaceOnce(editor, done, syntax, FixHelpers.Expression(call));
                            UdpHelper.Ensure(editor, done, syntax, model);
                        });

                    default:
                        return null;
                }
            }

            private static Plan Replace(SyntaxNode syntax, string replacement, string title, ILocalSymbol? familyLocal)
                => new Plan(syntax, title, familyLocal, (editor, done) => FixHelpers.ReplaceOnce(editor, done, syntax, FixHelpers.Expression(replacement)));

            public void Apply(SyntaxEditor editor, HashSet<SyntaxNode> done) => apply(editor, done);
        }
    }
}
