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
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// DS0001 fixes, default first: R1 TcpListener.Create(port); R2 Socket(SocketType, ProtocolType) with a family-guarded
    /// bind; R4 a dual-stack UdpClient helper; R8 Kestrel ListenAnyIP(port); the Kestrel pair loses its IPv4 listener.
    /// Second: IPv6Any + DualMode (no IPv4 fallback where the kernel has no IPv6).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ListenerBindsIPv4WildcardFixer))]
    [Shared]
    public sealed class ListenerBindsIPv4WildcardFixer : CodeFixProvider
    {
        /// <summary>Every default action shares one key, so Fix All (and dotnet format) applies each site's default.</summary>
        public const string DualStackKey = "DS0001.DualStackWithFallback";
        public const string IPv6AnyDualModeKey = "DS0001.IPv6AnyDualMode";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ListenerBindsIPv4WildcardOnly);

        public override FixAllProvider GetFixAllProvider() => FixHelpers.CreateFixAllProvider(ApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var symbols = model is null ? null : NetSymbols.TryCreate(model.Compilation);
            if (root is null || model is null || symbols is null)
            {
                return;
            }

            var target = TargetFramework.From(model.Compilation, context.Document.Project.AnalyzerOptions);
            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = Plan.Create(root, model, symbols, target, diagnostic, context.CancellationToken);
                if (plan is null)
                {
                    continue;
                }

                var document = context.Document;
                var one = ImmutableArray.Create(diagnostic);
                if (plan.DefaultTitle is not null)
                {
                    context.RegisterCodeFix(
                        FixHelpers.Action(plan.DefaultTitle, DualStackKey, ct => ApplyAsync(document, one, DualStackKey, ct)),
                        diagnostic);
                }

                if (plan.HasIPv6AnyAction)
                {
                    context.RegisterCodeFix(
                        FixHelpers.Action("Use IPv6Any with DualMode (dual-stack, but no IPv4 fallback where the kernel has no IPv6)", IPv6AnyDualModeKey, ct => ApplyAsync(document, one, IPv6AnyDualModeKey, ct)),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var symbols = model is null ? null : NetSymbols.TryCreate(model.Compilation);
            if (root is null || model is null || symbols is null)
            {
                return document;
            }

            var target = TargetFramework.From(model.Compilation, document.Project.AnalyzerOptions);
            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var done = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var plan = Plan.Create(root, model, symbols, target, diagnostic, cancellationToken);
                if (plan is null)
                {
                    continue;
                }

                if (key == IPv6AnyDualModeKey && plan.HasIPv6AnyAction)
                {
                    plan.ApplyIPv6Any(editor, done);
                }
                else if (plan.DefaultTitle is not null)
                {
                    plan.ApplyDefault(editor, done);
                }
            }

            return await FixHelpers.FinishAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>What can be done for one diagnostic, decided from the code and the target.</summary>
        private sealed class Plan
        {
            private readonly BindSite site;
            private readonly TargetFramework target;
            private readonly SemanticModel model;
            private readonly NetSymbols symbols;
            private readonly bool kestrelPair;
            private readonly IObjectCreationOperation? socketCreation;

            private Plan(BindSite site, TargetFramework target, SemanticModel model, NetSymbols symbols, bool kestrelPair)
            {
                this.site = site;
                this.target = target;
                this.model = model;
                this.symbols = symbols;
                this.kestrelPair = kestrelPair;
                if (site.Kind == BindKind.SocketBind)
                {
                    socketCreation = SocketCreation.Find(site.Receiver, symbols);
                }

                DefaultTitle = ComputeDefaultTitle();
                HasIPv6AnyAction = !kestrelPair && ComputeHasIPv6Any();
            }

            public string? DefaultTitle { get; }

            public bool HasIPv6AnyAction { get; }

            private string PortText => site.Port!.Syntax.WithoutTrivia().ToString();

            public static Plan? Create(SyntaxNode root, SemanticModel model, NetSymbols symbols, TargetFramework target, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.Properties.ContainsKey(ListenerBindsIPv4WildcardAnalyzer.NoFixReasonProperty))
                {
                    return null;
                }

                var site = BindSiteLocator.Find(root, model, symbols, diagnostic, cancellationToken);
                if (site?.Port is null)
                {
                    return null;
                }

                return new Plan(site, target, model, symbols, diagnostic.Properties.ContainsKey(ListenerBindsIPv4WildcardAnalyzer.KestrelPairProperty));
            }

            private string? ComputeDefaultTitle()
            {
                switch (site.Kind)
                {
                    case BindKind.TcpListener when NetSymbols.HasMethod(symbols.TcpListener, "Create", 1, isStatic: true):
                        return "Use TcpListener.Create(port): dual-stack with an IPv4 fallback (now also reachable over IPv6)";
                    case BindKind.SocketBind when socketCreation is not null && SocketTypeAndProtocol(socketCreation) is not null && CanReferenceSocketAtBind()
                        && symbols.Socket!.InstanceConstructors.Any(c => c.Parameters.Length == 2 && c.DeclaredAccessibility == Accessibility.Public && c.Parameters[0].Type.Name == "SocketType"):
                        return "Create a dual-stack Socket and bind its family's wildcard (now also reachable over IPv6)";
                    case BindKind.UdpClient when symbols.Socket is not null && NetSymbols.HasMember(symbols.Socket, "DualMode") && UdpHelper.CanAdd(site.Operation.Syntax, model):
                        return "Create a dual-stack UdpClient with an IPv4 fallback (now also reachable over IPv6)";
                    case BindKind.KestrelListen when kestrelPair:
                        return site.Operation.Syntax.Parent is ExpressionStatementSyntax
                            ? "Remove the IPv4 listener: the IPv6Any listener on this port already accepts IPv4"
                            : null;
                    case BindKind.KestrelListen when NetSymbols.HasMethod(symbols.KestrelServerOptions, "ListenAnyIP", site.Configure is null ? 1 : 2, isStatic: false)
                        && site.Operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                        return "Use ListenAnyIP(port): dual-stack with an IPv4 fallback (now also reachable over IPv6)";
                    default:
                        return null;
                }
            }

            private bool ComputeHasIPv6Any()
            {
                switch (site.Kind)
                {
                    case BindKind.TcpListener:
                        return FixHelpers.OwningStatement(site.Operation.Syntax) is not null && FixHelpers.StoredIntoText(site.Operation.Syntax) is not null;
                    case BindKind.SocketBind:
                        return socketCreation is not null && SocketTypeAndProtocol(socketCreation) is not null
                            && FixHelpers.OwningStatement(socketCreation.Syntax) is not null && CanReferenceSocketAtBind();
                    case BindKind.KestrelListen:
                        return site.AddressValue is not null && (site.EndpointCreation is null || site.EndpointIsInline);
                    default:
                        return false;
                }
            }

            /// <summary>The bind names its socket, so the family-guarded address can read it (the rewrite stays inside the call).</summary>
            private bool CanReferenceSocketAtBind()
                => site.Receiver is not null && site.Receiver.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax;

            public void ApplyDefault(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                switch (site.Kind)
                {
                    case BindKind.TcpListener:
                        var create = "System.Net.Sockets.TcpListener.Create(" + PortText + ")";
                        var replacement = target.DualConstructorsLackIPv4Fallback
                            ? "System.Net.Sockets.Socket.OSSupportsIPv6 ? " + create + " : new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, " + PortText + ")"
                            : create;
                        FixHelpers.ReplaceOnce(editor, done, site.Operation.Syntax, FixHelpers.Expression(replacement));
                        break;

                    case BindKind.SocketBind:
                        var (socketType, protocol) = SocketTypeAndProtocol(socketCreation!)!.Value;
                        var dual = "new System.Net.Sockets.Socket(" + socketType + ", " + protocol + ")";
                        var creation = target.DualConstructorsLackIPv4Fallback
                            ? "System.Net.Sockets.Socket.OSSupportsIPv6 ? " + dual + " : new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, " + socketType + ", " + protocol + ")"
                            : dual;
                        FixHelpers.ReplaceOnce(editor, done, socketCreation!.Syntax, FixHelpers.Expression(creation));
                        RewriteBindAddress(editor, done, ReceiverText() + ".AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? System.Net.IPAddress.IPv6Any : System.Net.IPAddress.Any");
                        break;

                    case BindKind.UdpClient:
                        FixHelpers.ReplaceOnce(editor, done, site.Operation.Syntax, FixHelpers.Expression(UdpHelper.Name + "(" + PortText + ")"));
                        UdpHelper.Ensure(editor, done, site.Operation.Syntax, model);
                        break;

                    case BindKind.KestrelListen when kestrelPair:
                        RemoveKestrelIPv4Listener(editor, done);
                        break;

                    case BindKind.KestrelListen:
                        var invocation = (InvocationExpressionSyntax)site.Operation.Syntax;
                        FixHelpers.ReplaceOnce(editor, done, invocation, ListenAnyIP(invocation, site.Configure?.Syntax));
                        break;
                }
            }

            public void ApplyIPv6Any(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                switch (site.Kind)
                {
                    case BindKind.TcpListener:
                        var statement = FixHelpers.OwningStatement(site.Operation.Syntax)!;
                        var name = FixHelpers.StoredIntoText(site.Operation.Syntax)!;
                        FixHelpers.ReplaceOnce(editor, done, site.Operation.Syntax, FixHelpers.Expression("new System.Net.Sockets.TcpListener(System.Net.IPAddress.IPv6Any, " + PortText + ")"));
                        if (done.Add(statement))
                        {
                            editor.InsertAfter(statement, FixHelpers.Statement(name + ".Server.DualMode = true;"));
                        }

                        break;

                    case BindKind.SocketBind:
                        var (socketType, protocol) = SocketTypeAndProtocol(socketCreation!)!.Value;
                        var socketStatement = FixHelpers.OwningStatement(socketCreation!.Syntax)!;
                        FixHelpers.ReplaceOnce(editor, done, socketCreation.Syntax, FixHelpers.Expression("new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, " + socketType + ", " + protocol + ")"));
                        if (done.Add(socketStatement))
                        {
                            editor.InsertAfter(socketStatement, FixHelpers.Statement(ReceiverText() + ".DualMode = true;"));
                        }

                        RewriteBindAddress(editor, done, "System.Net.IPAddress.IPv6Any");
                        break;

                    case BindKind.KestrelListen:
                        FixHelpers.ReplaceOnce(editor, done, site.AddressValue!.Syntax, FixHelpers.Expression("System.Net.IPAddress.IPv6Any"));
                        break;
                }
            }

            /// <summary>
            /// The bind's address: rewritten in place when the endpoint is written inside the call; otherwise the
            /// argument becomes a new endpoint with the same port (the old local may be declared before the socket).
            /// </summary>
            private void RewriteBindAddress(SyntaxEditor editor, HashSet<SyntaxNode> done, string address)
            {
                var argument = site.AddressArgument!.Value.Syntax;
                if (site.EndpointIsInline)
                {
                    FixHelpers.ReplaceOnce(editor, done, site.AddressValue!.Syntax, FixHelpers.Expression(address));
                }
                else
                {
                    FixHelpers.ReplaceOnce(editor, done, argument, FixHelpers.Expression("new System.Net.IPEndPoint(" + address + ", " + PortText + ")"));
                }
            }

            private string ReceiverText() => site.Receiver!.Syntax.WithoutTrivia().ToString();

            private static (string SocketType, string Protocol)? SocketTypeAndProtocol(IObjectCreationOperation creation)
            {
                string? socketType = null, protocol = null;
                foreach (var argument in creation.Arguments)
                {
                    switch (argument.Parameter?.Type.Name)
                    {
                        case "SocketType":
                            socketType = argument.Value.Syntax.WithoutTrivia().ToString();
                            break;
                        case "ProtocolType":
                            protocol = argument.Value.Syntax.WithoutTrivia().ToString();
                            break;
                        case "AddressFamily":
                            break;
                        default:
                            return null;
                    }
                }

                return socketType is null || protocol is null ? null : (socketType, protocol);
            }

            private InvocationExpressionSyntax ListenAnyIP(InvocationExpressionSyntax invocation, SyntaxNode? configure)
                => KestrelListenRewrite.ToPortOnly(invocation, "ListenAnyIP", PortText, configure);

            /// <summary>Kestrel pair (T7): remove the IPv4 listener and make the IPv6Any one ListenAnyIP (no fallback otherwise).</summary>
            private void RemoveKestrelIPv4Listener(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                var statement = site.Operation.Syntax.Parent!;
                if (done.Add(statement))
                {
                    editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
                }

                var scope = statement.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseTypeDeclarationSyntax || n is CompilationUnitSyntax);
                if (scope is null)
                {
                    return;
                }

                var port = TypeTraits.Normalize(site.Port!.Syntax);
                foreach (var invocation in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Listen" }
                        && invocation.SyntaxTree == model.SyntaxTree
                        && model.GetOperation(invocation) is { } operation
                        && BindSite.TryGet(operation, symbols) is { Port: not null } other
                        && other.ResolveAddress(symbols).Kind == WellKnownAddress.IPv6Any
                        && TypeTraits.Normalize(other.Port.Syntax) == port
                        && NetSymbols.HasMethod(symbols.KestrelServerOptions, "ListenAnyIP", other.Configure is null ? 1 : 2, isStatic: false))
                    {
                        FixHelpers.ReplaceOnce(editor, done, invocation, KestrelListenRewrite.ToPortOnly(invocation, "ListenAnyIP", other.Port.Syntax.WithoutTrivia().ToString(), other.Configure?.Syntax));
                    }
                }
            }
        }
    }
}
