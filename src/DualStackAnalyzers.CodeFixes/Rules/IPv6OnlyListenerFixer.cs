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
    /// DS0003 fixes, default first: TcpListener → <c>TcpListener.Create(port)</c>; Socket → R2 (dual socket, family-guarded
    /// bind); UdpClient bound in its constructor → R4 (the CreateDualStackUdpClient helper). Second (R3): set
    /// <c>DualMode = true</c> right after construction — dual-stack, but no IPv4 fallback where the kernel has no IPv6.
    /// A DualMode = true that comes after the bind (where it throws) is removed by both.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPv6OnlyListenerFixer))]
    [Shared]
    public sealed class IPv6OnlyListenerFixer : CodeFixProvider
    {
        public const string DualStackKey = "DS0003.DualStackWithFallback";
        public const string DualModeKey = "DS0003.DualModeAfterConstruction";

        private const string DualModeTitle = "Set DualMode = true right after construction (now also reachable over IPv4; no IPv4 fallback where the kernel has no IPv6)";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.IPv6ListenerIsIPv6Only);

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
                if (plan is null)
                {
                    continue;
                }

                var document = context.Document;
                var one = ImmutableArray.Create(diagnostic);
                if (plan.DefaultTitle is not null)
                {
                    context.RegisterCodeFix(FixHelpers.Action(plan.DefaultTitle, DualStackKey, ct => ApplyAsync(document, one, DualStackKey, ct)), diagnostic);
                }

                if (plan.CanSetDualMode)
                {
                    context.RegisterCodeFix(FixHelpers.Action(DualModeTitle, DualModeKey, ct => ApplyAsync(document, one, DualModeKey, ct)), diagnostic);
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
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var plan = Plan.Create(root, model, facts, diagnostic, cancellationToken);
                if (plan is null)
                {
                    continue;
                }

                if (key == DualModeKey && plan.CanSetDualMode)
                {
                    plan.ApplyDualMode(editor, done);
                }
                else if (plan.DefaultTitle is not null)
                {
                    plan.ApplyDefault(editor, done);
                }
            }

            return await FixHelpers.FinishAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        private enum SiteKind
        {
            TcpListener,
            UdpClientConstructor,
            SocketBind,
            UdpClientBind,
        }

        /// <summary>What can be done for one diagnostic, decided from the code and the target.</summary>
        private sealed class Plan
        {
            private readonly SiteKind kind;
            private readonly BindSite? site;
            private readonly IObjectCreationOperation creation;
            private readonly string? port;
            private readonly SemanticModel model;
            private readonly CompilationFacts facts;
            private readonly List<ExpressionStatementSyntax> lateStatements;

            private Plan(SiteKind kind, BindSite? site, IObjectCreationOperation creation, string? port, SemanticModel model, CompilationFacts facts, List<ExpressionStatementSyntax> lateStatements)
            {
                this.kind = kind;
                this.site = site;
                this.creation = creation;
                this.port = port;
                this.model = model;
                this.facts = facts;
                this.lateStatements = lateStatements;
                DefaultTitle = ComputeDefaultTitle();
                CanSetDualMode = kind != SiteKind.UdpClientConstructor
                    && FixHelpers.OwningStatement(creation.Syntax) is not null && FixHelpers.StoredIntoText(creation.Syntax) is not null;
            }

            public string? DefaultTitle { get; }

            public bool CanSetDualMode { get; }

            public static Plan? Create(SyntaxNode root, SemanticModel model, CompilationFacts facts, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.Properties.ContainsKey(IPv6OnlyListenerAnalyzer.NoFixReasonProperty))
                {
                    return null;
                }

                var symbols = facts.Symbols;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var site = BindSiteLocator.Find(root, model, symbols, diagnostic, cancellationToken);
                switch (site?.Kind)
                {
                    case BindKind.TcpListener when site.Operation is IObjectCreationOperation listener:
                        return new Plan(SiteKind.TcpListener, site, listener, site.Port?.Syntax.WithoutTrivia().ToString(), model, facts, Late(listener, "Start", model, facts, node));

                    case BindKind.UdpClient when site.Operation is IObjectCreationOperation udp:
                        return new Plan(SiteKind.UdpClientConstructor, site, udp, site.Port?.Syntax.WithoutTrivia().ToString(), model, facts, new List<ExpressionStatementSyntax>());

                    case BindKind.SocketBind:
                        var receiver = OperationHelpers.SkipConversions(site.Receiver);
                        if (receiver is IPropertyReferenceOperation { Property.Name: "Client", Instance: { } client }
                            && SocketCreation.FindCreation(client, symbols.UdpClient) is { } udpCreation)
                        {
                            return new Plan(SiteKind.UdpClientBind, site, udpCreation, null, model, facts, Late(udpCreation, "Bind", model, facts, node));
                        }

                        return SocketCreation.Find(receiver, symbols) is { } socket
                            ? new Plan(SiteKind.SocketBind, site, socket, site.Port?.Syntax.WithoutTrivia().ToString(), model, facts, Late(socket, "Bind", model, facts, node))
                            : null;
                }

                // new UdpClient(port, AddressFamily.InterNetworkV6): reported at the family argument.
                if (DualStackRewrites.EnclosingCreation(node) is { } syntax && model.GetOperation(syntax, cancellationToken) is IObjectCreationOperation created
                    && NetSymbols.Is(created.Type, symbols.UdpClient) && created.Arguments.Length == 2
                    && created.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_Int32) is { } portArgument)
                {
                    return new Plan(SiteKind.UdpClientConstructor, null, created, portArgument.Value.Syntax.WithoutTrivia().ToString(), model, facts, new List<ExpressionStatementSyntax>());
                }

                return null;
            }

            /// <summary>DualMode = true statements after a Start/Bind of the same owner: they throw there (T2), so both fixes drop them.</summary>
            private static List<ExpressionStatementSyntax> Late(IObjectCreationOperation creation, string bindName, SemanticModel model, CompilationFacts facts, SyntaxNode reported)
            {
                var owner = ListenerUsage.StoredInto(creation);
                if (owner is null)
                {
                    return new List<ExpressionStatementSyntax>();
                }

                var type = model.GetEnclosingSymbol(reported.SpanStart)?.ContainingType;
                var declarations = CompilationFacts.Declarations(type, reported).ToList();
                var binds = ListenerUsage.Invocations(owner, model, declarations)
                    .Where(i => ((MemberAccessExpressionSyntax)i.Expression).Name.Identifier.ValueText == bindName)
                    .ToList<SyntaxNode>();
                return DualModeSettings.LateStatements(owner, binds, model, declarations).Where(s => s.SyntaxTree == model.SyntaxTree).ToList();
            }

            private string? ComputeDefaultTitle()
            {
                var symbols = facts.Symbols;
                switch (kind)
                {
                    case SiteKind.TcpListener when port is not null && DualStackRewrites.TcpListenerCreate(port, symbols, facts.Target) is not null:
                        return "Use TcpListener.Create(port): dual-stack with an IPv4 fallback (now also reachable over IPv4)";
                    case SiteKind.UdpClientConstructor when port is not null && creation.Initializer is null
                        && NetSymbols.HasMember(symbols.Socket, "DualMode") && UdpHelper.CanAdd(creation.Syntax, model):
                        return "Create a dual-stack UdpClient with an IPv4 fallback (now also reachable over IPv4)";
                    case SiteKind.SocketBind when DualStackRewrites.DualSocket(creation, symbols, facts.Target) is not null
                        && site!.Receiver?.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax
                        && (site.EndpointIsInline || port is not null)
                        && (creation.Initializer is null || !facts.Target.DualConstructorsLackIPv4Fallback):
                        return "Create a dual-stack Socket and bind its family's wildcard (now also reachable over IPv4)";
                    default:
                        return null;
                }
            }

            public void ApplyDefault(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                var symbols = facts.Symbols;
                switch (kind)
                {
                    case SiteKind.TcpListener:
                        FixHelpers.ReplaceOnce(editor, done, creation.Syntax, FixHelpers.Expression(DualStackRewrites.TcpListenerCreate(port!, symbols, facts.Target)!));
                        break;

                    case SiteKind.UdpClientConstructor:
                        FixHelpers.ReplaceOnce(editor, done, creation.Syntax, FixHelpers.Expression(UdpHelper.Name + "(" + port + ")"));
                        UdpHelper.Ensure(editor, done, creation.Syntax, model);
                        break;

                    case SiteKind.SocketBind:
                        if (!facts.Target.DualConstructorsLackIPv4Fallback && SocketCreation.FamilyArgument(creation) is { } family)
                        {
                            DualStackRewrites.RemoveArgument(editor, done, family.Value.Syntax);
                        }
                        else
                        {
                            FixHelpers.ReplaceOnce(editor, done, creation.Syntax, FixHelpers.Expression(DualStackRewrites.DualSocket(creation, symbols, facts.Target)!));
                        }

                        var wildcard = DualStackRewrites.FamilyGuardedWildcard(site!.Receiver!.Syntax.WithoutTrivia().ToString());
                        if (site.EndpointIsInline)
                        {
                            FixHelpers.ReplaceOnce(editor, done, site.AddressValue!.Syntax, FixHelpers.Expression(wildcard));
                        }
                        else
                        {
                            FixHelpers.ReplaceOnce(editor, done, site.AddressArgument!.Value.Syntax, FixHelpers.Expression("new System.Net.IPEndPoint(" + wildcard + ", " + port + ")"));
                        }

                        break;
                }

                RemoveLateStatements(editor, done);
            }

            /// <summary>R3: <c>x.DualMode = true;</c> (<c>x.Server.</c> / <c>x.Client.</c> for TcpListener / UdpClient) right after construction.</summary>
            public void ApplyDualMode(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                var statement = FixHelpers.OwningStatement(creation.Syntax)!;
                var name = FixHelpers.StoredIntoText(creation.Syntax)!;
                var socket = kind switch
                {
                    SiteKind.TcpListener => name + ".Server",
                    SiteKind.UdpClientBind => name + ".Client",
                    _ => name,
                };
                if (done.Add(statement))
                {
                    editor.InsertAfter(statement, FixHelpers.Statement(socket + ".DualMode = true;"));
                }

                RemoveLateStatements(editor, done);
            }

            private void RemoveLateStatements(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                foreach (var statement in lateStatements)
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
