using System.Collections.Generic;
using System.Collections.Immutable;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0030: host:port text is built by putting an address before ':' without brackets. For an IPv6 address the
    /// result is '::1:80': IPEndPoint.Parse silently misreads it and Uri throws (ground truth #9, T10).
    /// </summary>
    public sealed class HostPortTextBreaksOnIPv6Analyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the fix that fits (a <see cref="HostPortFixKind"/> name); absent when report-only.</summary>
        public const string FixProperty = "Fix";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.HostPortTextBreaksOnIPv6,
            RuleCategories.EndpointText,
            "host:port text breaks on IPv6 literals",
            "This host:port text puts {0} before ':' without brackets{1}: an IPv6 address gives '::1:80', which IPEndPoint.Parse misreads and Uri rejects; {2}",
            DiagnosticSeverity.Warning,
            "An IPv6 address contains ':' itself, so 'address:port' text is ambiguous unless the address is bracketed ([::1]:80). IPEndPoint.Parse(\"::1:80\") silently returns a different endpoint and new Uri(\"http://::1:80/\") throws. Format endpoints with new IPEndPoint(address, port).ToString(), and URLs with new UriBuilder(scheme, host, port).");

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

                start.RegisterOperationAction(c => Analyze(c, facts.Symbols), OperationKind.InterpolatedString, OperationKind.Binary);
                start.RegisterNamedOperationAction(c => Analyze(c, facts.Symbols), OperationKind.Invocation, name => name == "Format");
            });
        }

        private static void Analyze(OperationAnalysisContext context, NetSymbols symbols)
        {
            // Cheap rejections: only text construction can hold host:port.
            switch (context.Operation)
            {
                case IInterpolatedStringOperation interpolation when !HostPortText.MayHoldHostPort(interpolation):
                    return;
                case IBinaryOperation binary when binary.OperatorKind != BinaryOperatorKind.Add || binary.Type?.SpecialType != SpecialType.System_String:
                    return;
                case IInvocationOperation invocation when invocation.TargetMethod.Name != "Format":
                    return;
            }

            var text = HostPortText.TryGet(context.Operation, symbols);
            if (text is null || FamilyGuards.IsGuarded(text.Operation.Syntax))
            {
                return;
            }

            var consumer = TextConsumers.Find(text.Operation, symbols, context.CancellationToken);
            if (consumer.Use == TextUse.Message)
            {
                return; // log and exception messages are not endpoints
            }

            foreach (var piece in text.Pieces)
            {
                // A string host is reported only when the text reaches a URL or endpoint parser (as go vet's hostport does).
                if (piece.Kind == HostKind.StringHost && consumer.Use != TextUse.Sink)
                {
                    continue;
                }

                Report(context, text, piece, consumer, symbols);
                return;
            }
        }

        private static void Report(OperationAnalysisContext context, HostPortText text, HostPortPiece piece, TextConsumer consumer, NetSymbols symbols)
        {
            var syntax = text.Operation.Syntax;
            var additional = new List<Location>();
            if (piece.HostOrigin is not null && !syntax.Span.Contains(piece.HostOrigin.Span))
            {
                additional.Add(piece.HostOrigin.GetLocation());
            }

            if (consumer.Use == TextUse.Sink && consumer.Operation is not null && !syntax.Span.Contains(consumer.Operation.Syntax.Span) && !consumer.Operation.Syntax.Span.Contains(syntax.Span))
            {
                additional.Add(consumer.Operation.Syntax.GetLocation());
            }

            var reaches = consumer.Use == TextUse.Sink ? " (the text reaches " + consumer.Display + ")" : string.Empty;
            var fix = HostPortFixPlan.Decide(text, piece, consumer, symbols);
            var advice = fix switch
            {
                HostPortFixKind.EndPointFormat => "format it with new IPEndPoint(address, port)",
                HostPortFixKind.UriBuilder => "build the URL with new UriBuilder(scheme, host, port)",
                _ => piece.Kind == HostKind.Address
                    ? "format it with new IPEndPoint(address, port)"
                    : "bracket IPv6 hosts ([::1]:80), e.g. with new UriBuilder(scheme, host, port)",
            };
            var properties = fix == HostPortFixKind.None
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix.ToString());
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), additional, properties, piece.HostDisplay, reaches, advice));
        }
    }
}
