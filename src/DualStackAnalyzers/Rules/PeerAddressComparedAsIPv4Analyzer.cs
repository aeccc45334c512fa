using System.Collections.Immutable;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0040: a peer address is compared with an IPv4 address or IPv4 text. Behind a dual-stack listener an IPv4 client
    /// arrives as ::ffff:a.b.c.d, so Equals, ==, ToString() comparisons, prefixes, regexes and (before .NET 9)
    /// IPNetwork.Contains stop matching (ground truth fact 4, #7, #8).
    /// </summary>
    public sealed class PeerAddressComparedAsIPv4Analyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property, present when no automatic fix is offered (the value never is an IPAddress here).</summary>
        public const string NoFixProperty = "NoFix";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.PeerAddressComparedAsIPv4,
            RuleCategories.Peers,
            "Peer address compared as IPv4",
            "The peer address from {0} is compared with {1}: behind a dual-stack listener an IPv4 client arrives as ::ffff:a.b.c.d and does not match; normalise it first (IsIPv4MappedToIPv6 ? MapToIPv4() : address)",
            DiagnosticSeverity.Warning,
            "A dual-stack socket (TcpListener.Create, Kestrel's ListenAnyIP or '*', a DualMode socket) reports IPv4 peers as IPv4-mapped IPv6 addresses (::ffff:10.0.0.7). Comparing such a peer with an IPv4 address or IPv4 text — Equals, ==, ToString() == \"…\", StartsWith(\"10.\"), IPv4 regexes, IPNetwork.Contains before .NET 9 — is then false for every IPv4 client. Normalise first: 'var a = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;' (never an unconditional MapToIPv4(): ::1 would become 0.0.0.1), and test loopback with IPAddress.IsLoopback.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                if (facts is null)
                {
                    return;
                }

                var peers = facts.Symbols.Peers;
                if (facts.Symbols.Socket is null && peers.ConnectionInfo is null && peers.HttpConnectionFeature is null && peers.BaseConnectionContext is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, facts), OperationKind.Binary, OperationKind.IsPattern, OperationKind.Switch, OperationKind.SwitchExpression);
                start.RegisterNamedOperationAction(c => Analyze(c, facts), OperationKind.Invocation, PeerComparison.IsCandidateName);
            });
        }

        private static void Analyze(OperationAnalysisContext context, CompilationFacts facts)
        {
            // Cheap rejections before any tracing.
            switch (context.Operation)
            {
                case IInvocationOperation invocation when !PeerComparison.IsCandidateName(invocation.TargetMethod.Name):
                    return;
                case IBinaryOperation binary when binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals):
                    return;
            }

            var comparison = PeerComparison.TryMatch(context.Operation, facts.Symbols, facts.Target, context.CancellationToken);
            if (comparison is null)
            {
                return;
            }

            // No FamilyGuards here: an `AddressFamily == InterNetwork` branch does not make a peer comparison safe, because a
            // dual-stack socket reports IPv4 clients with family InterNetworkV6 (ground truth fact 4). A branch on
            // IsIPv4MappedToIPv6 does (the value is known not to be mapped there).
            var syntax = comparison.ReportedSyntax;
            if (PeerAddressFlow.NormalisedEarlier(comparison.Operation, context.CancellationToken) || PeerAddressFlow.InsideMappedBranch(syntax))
            {
                return;
            }

            var source = comparison.Trace.Source.Syntax;
            var additional = syntax.Span.Contains(source.Span) ? ImmutableArray<Location>.Empty : ImmutableArray.Create(source.GetLocation());
            var properties = comparison.Trace.AddressNode is null
                ? ImmutableDictionary<string, string?>.Empty.Add(NoFixProperty, "text")
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), additional, properties, comparison.Trace.SourceDisplay, comparison.OtherDisplay));
        }
    }
}
