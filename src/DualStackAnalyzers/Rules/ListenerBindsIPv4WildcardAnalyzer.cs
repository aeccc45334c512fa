using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Rules
{
    /// <summary>DS0001: a listener binds 0.0.0.0 (IPAddress.Any) only, so IPv6 clients are refused (#1, #13, #21).</summary>
    public sealed class ListenerBindsIPv4WildcardAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: why no automatic fix is offered (absent when a fix is safe).</summary>
        public const string NoFixReasonProperty = "NoFixReason";

        /// <summary>Diagnostic property: set on the Kestrel IPv4+IPv6 pair, whose fix removes the IPv4 listener.</summary>
        public const string KestrelPairProperty = "KestrelPair";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ListenerBindsIPv4WildcardOnly,
            RuleCategories.Listening,
            "Listener binds to the IPv4 wildcard only",
            "{0} binds this listener to 0.0.0.0 only, so clients that connect over IPv6 are refused{1}",
            DiagnosticSeverity.Warning,
            "IPAddress.Any (0.0.0.0) accepts IPv4 connections only. In a dual-stack or IPv6-only cluster, clients that reach the pod over IPv6 are refused. Use a dual-stack listener: TcpListener.Create(port), a Socket(SocketType, ProtocolType) with a family-guarded bind, or Kestrel's ListenAnyIP(port).");

        internal static readonly DiagnosticDescriptor KestrelPairRule = RuleDescriptors.Create(
            RuleIds.ListenerBindsIPv4WildcardOnly,
            RuleCategories.Listening,
            "Listener binds to the IPv4 wildcard only",
            "{0} adds an IPv4 listener on the same port as a Kestrel IPv6Any listener, which is already dual-stack: startup fails with 'address already in use'; remove the IPv4 listener",
            DiagnosticSeverity.Warning,
            "Kestrel binds IPv6Any with dual mode on, so it already takes the IPv4 port; a second listener on IPAddress.Any for the same port fails at startup. Keep one ListenAnyIP(port).");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, KestrelPairRule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                var symbols = facts?.Symbols;
                if (facts is null || symbols is null || (symbols.TcpListener is null && symbols.Socket is null && symbols.KestrelServerOptions is null))
                {
                    return;
                }

                BindSite.RegisterAction(start, c => Analyze(c, facts));
            });
        }

        private static void Analyze(OperationAnalysisContext context, CompilationFacts facts)
        {
            var site = BindSite.TryGet(context.Operation, facts.Symbols);
            if (site is null)
            {
                return;
            }

            var address = site.ResolveAddress(facts.Symbols);
            if (address.Kind != WellKnownAddress.IPv4Any)
            {
                return;
            }

            var reported = site.ReportedSyntax;
            if (FamilyGuards.IsGuarded(site.Operation.Syntax) || (address.Origin is not null && FamilyGuards.IsGuarded(address.Origin)))
            {
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            if (facts.IsIPv4OnlyProtocol(type, site.ConstantPort, reported, context.CancellationToken))
            {
                return;
            }

            var socketCreation = site.Kind == BindKind.SocketBind ? SocketCreation.Find(site.Receiver, facts.Symbols, context.CancellationToken) : null;
            if (socketCreation is not null && SocketCreation.IsRawOrIcmp(socketCreation))
            {
                return;
            }

            var additional = new List<Location>();
            if (address.Origin is not null && !reported.Span.Contains(address.Origin.Span))
            {
                additional.Add(address.Origin.GetLocation());
            }

            var display = additional.Count == 0 ? address.Display : "'" + reported + "' (" + address.Display + ")";

            // Deliberate pairs: an IPv6Any bind of the same port expression in the same type.
            var portText = site.Port is null ? null : TypeTraits.Normalize(site.Port.Syntax);
            if (portText is not null && facts.HasIPv6Bind(type, reported, WellKnownAddress.IPv6Any, portText, context.CancellationToken))
            {
                if (site.Kind == BindKind.KestrelListen)
                {
                    var pairProperties = ImmutableDictionary<string, string?>.Empty.Add(KestrelPairProperty, portText);
                    context.ReportDiagnostic(Diagnostic.Create(KestrelPairRule, reported.GetLocation(), additional, pairProperties, display));
                }

                return;
            }

            var noFix = NoFixReason(site, socketCreation, context.ContainingSymbol, type, facts, context.CancellationToken);
            var properties = noFix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(NoFixReasonProperty, noFix);
            var suffix = noFix is null ? string.Empty : "; no automatic fix: " + noFix;
            context.ReportDiagnostic(Diagnostic.Create(Rule, reported.GetLocation(), additional, properties, display, suffix));
        }

        /// <summary>Fix safety 5 and 7: restarted listeners and IPv4-level socket options get no automatic fix.</summary>
        private static string? NoFixReason(BindSite site, Microsoft.CodeAnalysis.Operations.IObjectCreationOperation? socketCreation, ISymbol containingSymbol, INamedTypeSymbol? type, CompilationFacts facts, CancellationToken cancellationToken)
        {
            var model = site.Operation.SemanticModel;
            if (model is null)
            {
                return null;
            }

            ISymbol? owner = site.Kind switch
            {
                BindKind.TcpListener or BindKind.UdpClient => ListenerUsage.StoredInto(site.Operation),
                BindKind.SocketBind => OperationHelpers.ReferencedSymbol(site.Receiver),
                _ => null,
            };
            if (owner is null)
            {
                return null;
            }

            var declarations = CompilationFacts.Declarations(type, site.Operation.Syntax);
            if (site.Kind == BindKind.TcpListener && ListenerUsage.MayRestart(owner, site.Operation.Syntax, model, declarations, cancellationToken))
            {
                return "the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()";
            }

            var ipv4Level = ListenerUsage.IPv4LevelBehaviour(owner, model, declarations, cancellationToken);
            return ipv4Level is null
                ? null
                : "'" + owner.Name + "' also uses " + ipv4Level + ", which a dual-stack socket applies to IPv4 traffic only";
        }
    }
}
