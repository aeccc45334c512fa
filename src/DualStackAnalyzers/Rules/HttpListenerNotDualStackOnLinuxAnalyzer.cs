using System.Collections.Immutable;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0005: the managed HttpListener of Linux and macOS listens on one address of one family, whatever the prefix
    /// (#26): '+' and '*' bind 0.0.0.0, a host name binds the first address DNS returns, an IPv6 literal is rejected.
    /// Report only (move to Kestrel). Silent where the code runs on Windows only (http.sys binds both families).
    /// </summary>
    public sealed class HttpListenerNotDualStackOnLinuxAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.HttpListenerCannotListenDualStackOnLinux,
            RuleCategories.Listening,
            "HttpListener cannot listen dual-stack on Linux",
            "{0} {1}; HttpListener cannot serve IPv4 and IPv6 at once on Linux and macOS: move this endpoint to Kestrel",
            DiagnosticSeverity.Info,
            "On Linux and macOS, HttpListener is a managed implementation that binds one socket per prefix: '+' and '*' bind 0.0.0.0 (IPv4 only), a host name binds only the first address DNS returns ('localhost' became ::1 only, refusing IPv4 clients), and IPv6 literal prefixes such as http://[::]:8080/ are rejected ('Invalid port in prefix', dotnet/runtime#34399). There is no dual-stack form. Kestrel (ListenAnyIP, http://*:port, ListenLocalhost) serves both families. On Windows, http.sys binds both, so Windows-only code is not reported.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                var prefixes = facts?.Symbols.HttpListenerPrefixCollection;
                if (facts is null || prefixes is null
                    || facts.Target.Family == TargetFamily.NetFramework
                    || WindowsOnly.IsTarget(start.Compilation, start.Options, facts.Target))
                {
                    return;
                }

                start.RegisterNamedOperationAction(c => Analyze(c, prefixes), OperationKind.Invocation, name => name == "Add");
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol prefixes)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "Add" || invocation.Arguments.Length != 1
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, prefixes)
                || WindowsOnly.IsCode(invocation.Syntax, context.ContainingSymbol))
            {
                return;
            }

            var prefix = invocation.Arguments[0].Value;
            var hosts = ListenerUrls.FindHosts(prefix);
            string subject, reason;
            Location[]? additional = null;
            if (hosts is { Count: > 0 } && hosts[0] is var host)
            {
                subject = "The prefix '" + host.Url + "'";
                reason = Reason(host);
                if (host.Placed && !prefix.Syntax.Span.Contains(host.Location.SourceSpan))
                {
                    additional = new[] { host.Location };
                }
            }
            else
            {
                subject = "This prefix";
                reason = "binds a single address of one family";
            }

            // Reported at the prefix given to Add, where the listener is set up (also when the text is a constant elsewhere).
            context.ReportDiagnostic(Diagnostic.Create(Rule, prefix.Syntax.GetLocation(), additional, subject, reason));
        }

        private static string Reason(FoundUrlHost host) => host.Host.Kind switch
        {
            UrlHostKind.Wildcard => "binds 0.0.0.0 ('" + host.HostText + "' becomes IPAddress.Any), so IPv6 clients are refused",
            UrlHostKind.Name => "binds only the first address DNS returns for '" + host.HostText + "' ('localhost' became ::1 only, refusing IPv4 clients)",
            UrlHostKind.IPv6Any or UrlHostKind.IPv6Loopback or UrlHostKind.IPv6Other => "is rejected ('Invalid port in prefix': IPv6 literal prefixes fail, dotnet/runtime#34399)",
            UrlHostKind.IPv4Any or UrlHostKind.IPv4Loopback or UrlHostKind.IPv4Other => "binds the IPv4 address " + host.HostText + " only, so IPv6 clients are refused",
            _ => "binds a single address of one family",
        };
    }
}
