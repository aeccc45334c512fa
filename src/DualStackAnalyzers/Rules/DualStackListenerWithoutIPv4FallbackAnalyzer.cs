using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0006: a listener that serves IPv4 and IPv6 but cannot start where the kernel has no IPv6 (#22, T4): an explicit
    /// IPv6 socket with dual mode (TcpListener, Socket, UdpClient), Kestrel <c>Listen(IPv6Any, p)</c>, the URL host
    /// <c>[::]</c>. The BCL's own constructions fall back to IPv4: TcpListener.Create, Socket(SocketType, ProtocolType)
    /// with a family-guarded bind, the UdpClient helper, ListenAnyIP, the host '*'.
    /// </summary>
    public sealed class DualStackListenerWithoutIPv4FallbackAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: why no automatic fix is offered (absent when a fix is safe).</summary>
        public const string NoFixReasonProperty = "NoFixReason";

        private const string Title = "Dual-stack listener has no IPv4 fallback";
        private const string Description = "An IPv6 socket created explicitly (IPv6Any with DualMode, Socket or UdpClient with InterNetworkV6, Kestrel Listen(IPAddress.IPv6Any), the URL host [::]) serves IPv4 and IPv6, but its constructor or Kestrel's startup throws 'Address family not supported' where the kernel has no IPv6 (ipv6.disable=1, some hardened or legacy nodes). TcpListener.Create(port), Socket(SocketType, ProtocolType) with a bind to its own family's wildcard, Kestrel's ListenAnyIP(port) and the URL host '*' do the same and fall back to IPv4 there.";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.DualStackListenerHasNoIPv4Fallback,
            RuleCategories.Listening,
            Title,
            "{0} listens dual-stack but has no IPv4 fallback: it fails to start where the kernel has no IPv6{1}",
            DiagnosticSeverity.Info,
            Description);

        internal static readonly DiagnosticDescriptor UrlRule = RuleDescriptors.Create(
            RuleIds.DualStackListenerHasNoIPv4Fallback,
            RuleCategories.Listening,
            Title,
            "{0} listens dual-stack but has no IPv4 fallback: the server fails to start where the kernel has no IPv6; use '*' as the host",
            DiagnosticSeverity.Info,
            Description);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, UrlRule);

        public override void Initialize(AnalysisContext context)
        {
            // A URL is reported where its text is written, which may be a constant in generated code: ListenerUrls
            // drops those itself (ConstantInGeneratedCodeUsedByUserCodeIsSilent), cheaper than the driver's check of every report.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                if (facts is null)
                {
                    return;
                }

                var symbols = facts.Symbols;
                if (symbols.TcpListener is not null || symbols.Socket is not null || symbols.KestrelServerOptions is not null)
                {
                    BindSite.RegisterAction(start, c => AnalyzeBind(c, facts));
                }

                ListenerUrls.Register(start, symbols, kind => kind == UrlHostKind.IPv6Any, ReportUrl);
            });
        }

        private static void AnalyzeBind(OperationAnalysisContext context, CompilationFacts facts)
        {
            var listener = DualListenerSite.TryGet(context.Operation, facts.Symbols, context.CancellationToken);
            if (listener is null)
            {
                return;
            }

            var site = listener.Site;
            var reported = site.ReportedSyntax;
            if (FamilyGuards.IsGuarded(site.Operation.Syntax)
                || (listener.Address.Origin is not null && FamilyGuards.IsGuarded(listener.Address.Origin))
                || (listener.Creation is not null && FamilyGuards.IsGuarded(listener.Creation.Syntax))
                || HasIPv4FallbackInCatch(site.Operation.Syntax))
            {
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);

            // Kestrel Listen(Any, p) + Listen(IPv6Any, p): DS0001 reports the pair ("remove the IPv4 listener").
            if (listener.Kind == DualListenerKind.Kestrel && site.Port is not null
                && facts.TraitsOf(type, reported, context.CancellationToken).HasIPv4AnyBindAlongside(TypeTraits.Normalize(site.Port.Syntax), reported))
            {
                return;
            }

            var (hint, noFix) = FixOrReason(listener, facts, type, context.CancellationToken);
            var additional = new List<Location>();
            var origin = listener.Address.Origin;
            if (origin is not null && !reported.Span.Contains(origin.Span))
            {
                additional.Add(origin.GetLocation());
            }

            var display = additional.Count == 0 ? listener.Address.Display : "'" + reported + "' (" + listener.Address.Display + ")";
            var properties = noFix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(NoFixReasonProperty, noFix);
            var suffix = noFix is null ? "; " + hint : "; no automatic fix: " + noFix;
            context.ReportDiagnostic(Diagnostic.Create(Rule, reported.GetLocation(), additional, properties, display, suffix));
        }

        /// <summary>The fix's hint for the message, or why there is none (fix safety 5 and 7, and shapes a fix cannot rewrite).</summary>
        private static (string Hint, string? NoFix) FixOrReason(DualListenerSite listener, CompilationFacts facts, INamedTypeSymbol? type, CancellationToken cancellationToken)
        {
            var symbols = facts.Symbols;
            var site = listener.Site;
            if (listener.Kind == DualListenerKind.Kestrel)
            {
                const string listenAnyIP = "use ListenAnyIP(port)";
                return NetSymbols.HasMethod(symbols.KestrelServerOptions, "ListenAnyIP", site.Configure is null ? 1 : 2, isStatic: false)
                    && site.Port is not null
                    && site.Operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }
                    ? (listenAnyIP, null)
                    : (listenAnyIP, "this Kestrel has no ListenAnyIP overload for the call");
            }

            var hint = listener.Kind switch
            {
                DualListenerKind.TcpListener => "use TcpListener.Create(port)",
                DualListenerKind.UdpClient => "create the UdpClient for the families the OS has (IPv4 where it has no IPv6)",
                DualListenerKind.DefaultSocket => "bind the wildcard of the socket's own family",
                _ => "use Socket(SocketType, ProtocolType) and bind the wildcard of its family",
            };

            var model = site.Operation.SemanticModel;
            var owner = listener.Owner;
            var creation = listener.Creation!;
            if (owner is null || model is null)
            {
                return (hint, "the " + (listener.Kind == DualListenerKind.TcpListener ? "listener" : "socket") + " is not stored in a local or field");
            }

            var declarations = CompilationFacts.Declarations(type, site.Operation.Syntax).ToList();
            if (creation.Initializer is not null)
            {
                return (hint, "'" + owner.Name + "' is configured in an object initializer");
            }

            if (listener.Kind == DualListenerKind.TcpListener && ListenerUsage.MayRestart(owner, creation.Syntax, model, declarations, cancellationToken))
            {
                return (hint, "the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()");
            }

            var dualMode = DualModeSettings.OnStatements(owner, model, declarations, cancellationToken);
            if (dualMode is null)
            {
                return (hint, "DualMode is set where a fix cannot remove it (an IPv4 fallback socket rejects it)");
            }

            if (DualListenerSite.IPv6LevelBehaviour(owner, model, declarations, cancellationToken) is { } ipv6Level)
            {
                return (hint, "'" + owner.Name + "' also uses " + ipv6Level + ", which an IPv4 fallback socket rejects");
            }

            switch (listener.Kind)
            {
                case DualListenerKind.TcpListener:
                    return site.Port is not null && NetSymbols.HasMethod(symbols.TcpListener, "Create", 1, isStatic: true)
                        ? (hint, null)
                        : (hint, "this framework has no TcpListener.Create(port)");

                case DualListenerKind.UdpClient:
                    if (ListenerUsage.IPv4LevelBehaviour(owner, model, declarations, cancellationToken) is { } ipv4Level)
                    {
                        return (hint, "'" + owner.Name + "' also uses " + ipv4Level + ", which differs between the families");
                    }

                    return DualListenerSite.UdpBindShape(listener, dualMode) is null
                        ? (hint, "the UdpClient is configured between its creation and its Bind")
                        : (hint, null);

                default:
                    if (site.Receiver?.Syntax is not (IdentifierNameSyntax or MemberAccessExpressionSyntax)
                        || (!site.EndpointIsInline && site.Port is null))
                    {
                        return (hint, "the bind's endpoint is built where the fix cannot name the socket's family");
                    }

                    return (hint, null);
            }
        }

        /// <summary>The bind is tried in a <c>try</c> whose <c>catch</c> falls back to IPv4: a fallback the code wrote itself.</summary>
        private static bool HasIPv4FallbackInCatch(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null && current is not MemberDeclarationSyntax; current = current.Parent)
            {
                if (current is BlockSyntax { Parent: TryStatementSyntax tryStatement } block && block == tryStatement.Block
                    && tryStatement.Catches.Any(c => c.Block.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken)
                        && t.ValueText is "Any" or "InterNetwork" or "Loopback" or "ListenAnyIP" or "ListenLocalhost")))
                {
                    return true;
                }
            }

            return false;
        }

        private static void ReportUrl(UrlHostReport found)
        {
            var properties = found.Host.Placed
                ? ImmutableDictionary<string, string?>.Empty.Add(ListenerUrls.ReplacementProperty, "*")
                : ImmutableDictionary<string, string?>.Empty;
            found.Report(Diagnostic.Create(UrlRule, found.Host.Location, found.AdditionalLocations, properties, found.Description));
        }
    }
}
