using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0004: a listener binds 127.0.0.1 only (IPAddress.Loopback, a 127.x address, a URL host 127.0.0.1), so local
    /// clients that connect to ::1 are refused (#2, #23). Kestrel has a dual loopback listener (ListenLocalhost, the
    /// host "localhost"); raw sockets need two, so they are report only.
    /// </summary>
    public sealed class LoopbackListenerIsIPv4OnlyAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: set on a Kestrel Listen that ListenLocalhost(port) can replace.</summary>
        public const string ListenLocalhostProperty = "ListenLocalhost";

        private const string Title = "Loopback listener is IPv4-only";
        private const string Description = "127.0.0.1 is the IPv4 loopback only. Local clients that connect to ::1 - or to 'localhost' where it resolves to ::1 first - are refused. Kestrel's ListenLocalhost(port) and the URL host 'localhost' bind 127.0.0.1 and ::1 and skip a family the host lacks; a raw socket needs a second listener on IPAddress.IPv6Loopback that tolerates failure (binding ::1 fails where IPv6 is disabled). Never replace the loopback with IPv6Any: that exposes the listener on every interface.";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.LoopbackListenerIsIPv4Only,
            RuleCategories.Listening,
            Title,
            "{0} binds this listener to the IPv4 loopback only, so local clients that connect over IPv6 (::1) are refused{1}",
            DiagnosticSeverity.Info,
            Description);

        internal static readonly DiagnosticDescriptor UrlRule = RuleDescriptors.Create(
            RuleIds.LoopbackListenerIsIPv4Only,
            RuleCategories.Listening,
            Title,
            "{0} binds the server to the IPv4 loopback only, so local clients that connect over IPv6 (::1) are refused{1}",
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

                ListenerUrls.Register(start, symbols, kind => kind == UrlHostKind.IPv4Loopback, ReportUrl);
            });
        }

        private static void AnalyzeBind(OperationAnalysisContext context, CompilationFacts facts)
        {
            var site = BindSite.TryGet(context.Operation, facts.Symbols);
            if (site is null)
            {
                return;
            }

            var address = site.ResolveAddress(facts.Symbols);
            if (address.Kind != WellKnownAddress.IPv4Loopback
                || FamilyGuards.IsGuarded(site.Operation.Syntax)
                || (address.Origin is not null && FamilyGuards.IsGuarded(address.Origin)))
            {
                return;
            }

            var reported = site.ReportedSyntax;
            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            if (facts.IsIPv4OnlyProtocol(type, site.ConstantPort, reported, context.CancellationToken))
            {
                return;
            }

            // Deliberate pair: an IPv6Loopback bind of the same port expression in the same type.
            var portText = site.Port is null ? null : TypeTraits.Normalize(site.Port.Syntax);
            if (portText is not null && facts.HasIPv6Bind(type, reported, WellKnownAddress.IPv6Loopback, portText, context.CancellationToken))
            {
                return;
            }

            if (site.Kind == BindKind.SocketBind && SocketCreation.Find(site.Receiver, facts.Symbols, context.CancellationToken) is { } creation && SocketCreation.IsRawOrIcmp(creation))
            {
                return;
            }

            if (IsClient(site, type, context.CancellationToken))
            {
                return;
            }

            var additional = new List<Location>();
            if (address.Origin is not null && !reported.Span.Contains(address.Origin.Span))
            {
                additional.Add(address.Origin.GetLocation());
            }

            var display = additional.Count == 0 ? address.Display : "'" + reported + "' (" + address.Display + ")";
            var properties = ImmutableDictionary<string, string?>.Empty;
            string suffix;
            if (site.Kind == BindKind.KestrelListen)
            {
                var noFix = KestrelNoFixReason(site, address, facts.Symbols);
                if (noFix is null)
                {
                    properties = properties.Add(ListenLocalhostProperty, "true");
                    suffix = "; use ListenLocalhost(port), which binds 127.0.0.1 and ::1";
                }
                else
                {
                    suffix = "; no automatic fix: " + noFix;
                }
            }
            else
            {
                suffix = "; serving ::1 too needs a second listener on IPAddress.IPv6Loopback that may fail where IPv6 is disabled (no automatic fix)";
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, reported.GetLocation(), additional, properties, display, suffix));
        }

        /// <summary>Why Listen(Loopback, p) cannot become ListenLocalhost(p); null when it can (R9).</summary>
        private static string? KestrelNoFixReason(BindSite site, ResolvedAddress address, NetSymbols symbols)
        {
            if (!IsLoopback127001(address))
            {
                return "the address is not 127.0.0.1, and ListenLocalhost would change it";
            }

            if (site.ConstantPort is not { } port || port <= 0)
            {
                return "ListenLocalhost needs a constant port other than 0 (Kestrel rejects dynamic ports on localhost)";
            }

            if (!NetSymbols.HasMethod(symbols.KestrelServerOptions, "ListenLocalhost", site.Configure is null ? 1 : 2, isStatic: false)
                || site.Operation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
            {
                return "this Kestrel has no ListenLocalhost overload for the call";
            }

            return null;
        }

        private static bool IsLoopback127001(ResolvedAddress address)
            => address.Display == "IPAddress.Loopback" || address.Display == "IPAddress.Parse(\"127.0.0.1\")";

        /// <summary>A socket bound to loopback that the type then connects is a client choosing its source address.</summary>
        private static bool IsClient(BindSite site, INamedTypeSymbol? type, CancellationToken cancellationToken)
        {
            var model = site.Operation.SemanticModel;
            ISymbol? owner = site.Kind switch
            {
                BindKind.SocketBind => OperationHelpers.ReferencedSymbol(site.Receiver),
                BindKind.UdpClient => ListenerUsage.StoredInto(site.Operation),
                _ => null,
            };
            return owner is not null && model is not null
                && SocketRoles.IsClient(owner, model, CompilationFacts.Declarations(type, site.Operation.Syntax), cancellationToken);
        }

        private static void ReportUrl(UrlHostReport found)
        {
            var host = found.Host;

            // Deliberate pair: a [::1] URL on the same port, in the same URL set or in the same type.
            foreach (var other in found.SinkHosts)
            {
                if (other.Host.Kind == UrlHostKind.IPv6Loopback && other.Host.PortKind == host.Host.PortKind && other.Host.Port == host.Host.Port)
                {
                    return;
                }
            }

            var node = found.Sink.Operation.Syntax;
            if (ListenerUrls.TypeWritesUrl(CompilationFacts.ContainingType(found.ContainingSymbol), node, UrlHostKind.IPv6Loopback, host.Host, found.CancellationToken))
            {
                return;
            }

            string? noFix = null;
            if (host.HostText != "127.0.0.1")
            {
                noFix = "the address is not 127.0.0.1, and 'localhost' would change it";
            }
            else if (!host.Placed)
            {
                noFix = "the URL is built from several constants";
            }
            else if (!host.Host.HasNonZeroKnownPort)
            {
                noFix = "Kestrel rejects 'localhost' with port 0, and the port here is not a written port other than 0";
            }

            var properties = noFix is null
                ? ImmutableDictionary<string, string?>.Empty.Add(ListenerUrls.ReplacementProperty, "localhost")
                : ImmutableDictionary<string, string?>.Empty;
            var suffix = noFix is null ? "; use 'localhost' as the host, which binds 127.0.0.1 and ::1" : "; no automatic fix: " + noFix;
            found.Report(Diagnostic.Create(UrlRule, host.Location, found.AdditionalLocations, properties, found.Description, suffix));
        }
    }
}
