using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0041: the forwarded-headers proxy lists of one options object name only IPv4 (or only ::ffff:) entries.
    /// After the move to a dual-stack listener a proxy that connects over IPv6 is not trusted, and ::ffff: entries never
    /// match because the middleware maps IPv4-mapped peers to IPv4 before checking (ground truth #27).
    /// </summary>
    public sealed class ForwardedHeadersProxiesIPv4OnlyAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxAdditionalLocations = 8;

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ForwardedHeadersProxiesIPv4Only,
            RuleCategories.Peers,
            "Forwarded-headers proxy list is IPv4-only",
            "ForwardedHeadersOptions trusts only {0} ({1}): {2}",
            DiagnosticSeverity.Info,
            "ForwardedHeadersMiddleware applies X-Forwarded-For only from a trusted proxy. It maps an IPv4-mapped peer to IPv4 before checking KnownProxies and KnownNetworks/KnownIPNetworks, so IPv4 entries keep working behind a dual-stack listener; but a proxy that reaches the app over IPv6 is not trusted when the lists name IPv4 only, and ::ffff: entries never match. List the proxies' IPv4 and IPv6 addresses (or networks).");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                if (facts?.Symbols.Peers.ForwardedHeadersOptions is null)
                {
                    return;
                }

                start.RegisterNamedOperationAction(c => Analyze(c, facts.Symbols), OperationKind.Invocation, ForwardedProxyEntries.IsCandidateName);
            });
        }

        private static void Analyze(OperationAnalysisContext context, NetSymbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!ForwardedProxyEntries.IsCandidateName(invocation.TargetMethod.Name)
                || ForwardedProxyEntries.TryGet(invocation, symbols) is not { } entry)
            {
                return;
            }

            // Every entry of the same options object in this body; only the first one reports, for all of them.
            var entries = new List<ForwardedProxyEntry>();
            foreach (var node in OperationHelpers.Root(invocation).Descendants())
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (node is IInvocationOperation other
                    && ForwardedProxyEntries.IsCandidateName(other.TargetMethod.Name)
                    && ForwardedProxyEntries.TryGet(other, symbols) is { } otherEntry
                    && Equals(otherEntry.OptionsKey, entry.OptionsKey))
                {
                    entries.Add(otherEntry);
                }
            }

            entries.Sort((a, b) => a.Add.Syntax.SpanStart.CompareTo(b.Add.Syntax.SpanStart));
            if (entries.Count == 0 || entries[0].Add.Syntax != invocation.Syntax)
            {
                return;
            }

            bool anyIPv4 = false, anyMapped = false;
            var displays = new List<string>();
            foreach (var item in entries)
            {
                var family = ForwardedProxyEntries.FamilyOf(item, symbols);
                switch (family.Family)
                {
                    case KnownFamily.IPv4:
                        anyIPv4 = true;
                        break;
                    case KnownFamily.IPv4Mapped:
                        anyMapped = true;
                        break;
                    default:
                        // An IPv6 entry, or one whose family is not written here: the lists may name both families.
                        return;
                }

                displays.Add(family.Display);
            }

            if (FamilyGuards.IsGuarded(invocation.Syntax))
            {
                return;
            }

            string kind, why;
            if (anyIPv4)
            {
                kind = anyMapped ? "IPv4 and IPv4-mapped proxies" : "IPv4 proxies";
                why = "a proxy that connects over IPv6 after the move to a dual-stack listener is not trusted and its X-Forwarded-For is ignored; list the proxies' IPv6 addresses or networks too";
            }
            else
            {
                kind = "IPv4-mapped (::ffff:) proxies";
                why = "the middleware maps IPv4-mapped peers to IPv4 before checking, so these entries never match; list the proxies' IPv4 and IPv6 addresses instead";
            }

            var list = displays.Count <= 3 ? string.Join(", ", displays) : string.Join(", ", displays.Take(3)) + ", …";
            var additional = entries.Skip(1).Take(MaxAdditionalLocations).Select(e => e.Value.Syntax.GetLocation());
            context.ReportDiagnostic(Diagnostic.Create(Rule, entries[0].Value.Syntax.GetLocation(), additional, kind, list, why));
        }
    }
}
