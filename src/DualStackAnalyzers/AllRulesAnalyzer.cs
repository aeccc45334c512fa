using System.Collections.Immutable;
using System.Linq;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers
{
    /// <summary>
    /// The one analyzer the package ships: it hosts every rule (<see cref="RuleHost"/>), so the driver calls us once per
    /// operation instead of once per rule. A rule is still a DiagnosticAnalyzer of its own, in its own file, and tests run
    /// it alone; it carries no [DiagnosticAnalyzer] attribute, so the driver never loads it beside the host.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AllRulesAnalyzer : DiagnosticAnalyzer
    {
        private readonly RuleHost.ActionWrapper? wrap;

        public AllRulesAnalyzer()
            : this(CreateRules())
        {
        }

        /// <param name="rules">The rules to host.</param>
        /// <param name="wrap">For measurements only: wraps each rule's operation actions.</param>
        internal AllRulesAnalyzer(ImmutableArray<DiagnosticAnalyzer> rules, RuleHost.ActionWrapper? wrap = null)
        {
            Rules = rules;
            this.wrap = wrap;
            SupportedDiagnostics = rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();
        }

        /// <summary>The hosted rules, in ID order.</summary>
        internal ImmutableArray<DiagnosticAnalyzer> Rules { get; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>A new instance of every rule; adding a rule means adding it here (AllRulesAnalyzerTests checks none is missing).</summary>
        internal static ImmutableArray<DiagnosticAnalyzer> CreateRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
            new ListenerBindsIPv4WildcardAnalyzer(),
            new UrlBindsIPv4WildcardAnalyzer(),
            new IPv6OnlyListenerAnalyzer(),
            new LoopbackListenerIsIPv4OnlyAnalyzer(),
            new HttpListenerNotDualStackOnLinuxAnalyzer(),
            new DualStackListenerWithoutIPv4FallbackAnalyzer(),
            new IPv4OnlySocketAnalyzer(),
            new AddressSelectionDropsIPv6Analyzer(),
            new IPv4OnlyAddressRepresentationAnalyzer(),
            new IPv4OnlyBroadcastMulticastOrOptionAnalyzer(),
            new IPv6DisabledForProcessAnalyzer(),
            new ValidationRejectsIPv6Analyzer(),
            new HardCodedIPv4AddressAnalyzer(),
            new HostPortTextBreaksOnIPv6Analyzer(),
            new EndpointTextSplitOnColonAnalyzer(),
            new PeerAddressComparedAsIPv4Analyzer(),
            new ForwardedHeadersProxiesIPv4OnlyAnalyzer(),
            new ConfigurationFileAnalyzer(),
            new InvalidOptionAnalyzer());

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            RuleHost.Initialize(context, Rules, wrap);
        }
    }
}
