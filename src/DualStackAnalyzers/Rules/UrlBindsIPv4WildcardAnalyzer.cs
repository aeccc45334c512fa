using System.Collections.Immutable;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0002: a URL that an ASP.NET Core server listens on has the host 0.0.0.0, which Kestrel binds as a plain IPv4
    /// endpoint (#21, #24): IPv6 clients are refused.
    /// </summary>
    public sealed class UrlBindsIPv4WildcardAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.UrlBindsIPv4WildcardOnly,
            RuleCategories.Listening,
            "URL binds to the IPv4 wildcard only",
            "{0} binds the server to 0.0.0.0 only, so clients that connect over IPv6 are refused; use '*' as the host",
            DiagnosticSeverity.Warning,
            "Kestrel parses the host 0.0.0.0 as an IPv4 address and binds a plain IPv4 socket, whichever way the URL arrives (UseUrls, ASPNETCORE_URLS, the urls or Kestrel:Endpoints:*:Url settings). In a dual-stack or IPv6-only cluster, clients that reach the pod over IPv6 are refused. The host '*' (or '+') binds [::] with dual mode and falls back to 0.0.0.0 where the OS has no IPv6.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            // A URL is reported where its text is written, which may be a constant in generated code: ListenerUrls
            // drops those itself (ConstantInGeneratedCodeUsedByUserCodeIsSilent), cheaper than the driver's check of every report.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = NetSymbols.TryCreate(start.Compilation);
                if (symbols is not null)
                {
                    ListenerUrls.Register(start, symbols, kind => kind == UrlHostKind.IPv4Any, Report);
                }
            });
        }

        private static void Report(UrlHostReport found)
        {
            var properties = found.Host.Placed
                ? ImmutableDictionary<string, string?>.Empty.Add(ListenerUrls.ReplacementProperty, "*")
                : ImmutableDictionary<string, string?>.Empty;
            found.Report(Diagnostic.Create(Rule, found.Host.Location, found.AdditionalLocations, properties, found.Description));
        }
    }
}
