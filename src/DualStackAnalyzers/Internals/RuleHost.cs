using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Runs every rule inside one analyzer (<see cref="AllRulesAnalyzer"/>). Each rule stays a DiagnosticAnalyzer of its
    /// own (tests run it alone), but the driver's cost of calling an analyzer is paid per registered callback and per
    /// operation: nineteen analyzers meant eighteen Invocation callbacks for every call in the code base. The host
    /// collects the rules' operation actions in one compilation-start action and registers one callback per
    /// <see cref="OperationKind"/>, which calls the rules' actions in turn — a named action
    /// (<see cref="NamedOperations"/>) only for the names it wants. Everything else a rule registers is passed to the
    /// driver as it is.
    /// </summary>
    internal static class RuleHost
    {
        /// <summary>
        /// What a hosted rule's compilation-start context also offers: one object per type for every rule of the host on
        /// this compilation, so that rules with a common search (the URL sinks of DS0002/DS0004/DS0006) run it once.
        /// </summary>
        public interface ISharedState
        {
            T GetOrAdd<T>(Func<T> create)
                where T : class;
        }

        /// <summary>
        /// What a hosted rule's compilation-start context also accepts: an operation action that does something only for
        /// operations whose name (<see cref="NamedOperations.NameGetter"/>) passes a test. The host calls it only for those, so
        /// the common case — a call of a method no rule cares about — costs a few name tests instead of a call per rule.
        /// </summary>
        public interface INamedRegistration
        {
            void RegisterOperationAction(Action<OperationAnalysisContext> action, OperationKind kind, Func<string, bool> mayMatch);
        }

        /// <summary>Wraps a rule's operation action (the benchmark times each rule and operation kind with it); null in the package.</summary>
        public delegate Action<OperationAnalysisContext> ActionWrapper(DiagnosticAnalyzer rule, OperationKind kind, Action<OperationAnalysisContext> action);

        /// <summary>Registers <paramref name="rules"/> on the host's context (which has configured generated code and concurrency).</summary>
#pragma warning disable RS1025, RS1026 // not an analyzer's Initialize: AllRulesAnalyzer.Initialize configures both before calling this
        public static void Initialize(AnalysisContext context, ImmutableArray<DiagnosticAnalyzer> rules, ActionWrapper? wrap = null)
        {
            var recorded = new List<(DiagnosticAnalyzer Rule, ImmutableArray<Action<CompilationStartAnalysisContext>> Starts)>(rules.Length);
            foreach (var rule in rules)
            {
                var recorder = new RuleContext(context);
                rule.Initialize(recorder);
                recorded.Add((rule, recorder.CompilationStartActions.ToImmutable()));
            }

#pragma warning restore RS1025, RS1026
#pragma warning disable RS1012 // the start action registers what the rules register, through the batch
            context.RegisterCompilationStartAction(start =>
            {
                var batch = new OperationBatch(start, wrap);
                foreach (var (rule, starts) in recorded)
                {
                    if (IsOff(rule, start.Compilation, start.CancellationToken))
                    {
                        continue;
                    }

                    batch.Rule = rule;
                    foreach (var action in starts)
                    {
                        action(batch);
                    }
                }

                batch.RegisterCollected();
            });
#pragma warning restore RS1012
        }

        /// <summary>
        /// Every ID of the rule is suppressed for the whole compilation (project options, global config, and no syntax
        /// tree turns it back on): the driver would never have run the rule as an analyzer of its own, so the host skips it.
        /// </summary>
        internal static bool IsOff(DiagnosticAnalyzer rule, Compilation compilation, CancellationToken cancellationToken)
        {
            var options = compilation.Options;
            var trees = options.SyntaxTreeOptionsProvider;
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                var off = options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific)
                    ? specific == ReportDiagnostic.Suppress
                    : trees is not null && trees.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var global)
                        ? global == ReportDiagnostic.Suppress
                        : !descriptor.IsEnabledByDefault;
                if (!off)
                {
                    return false;
                }

                if (trees is not null)
                {
                    foreach (var tree in compilation.SyntaxTrees)
                    {
                        if (trees.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var value) && value != ReportDiagnostic.Suppress)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }

        /// <summary>What a rule's Initialize sees: its compilation-start actions are kept for the host; the rest goes to the driver.</summary>
        private sealed class RuleContext : AnalysisContext
        {
            private readonly AnalysisContext host;

            public RuleContext(AnalysisContext host) => this.host = host;

            public ImmutableArray<Action<CompilationStartAnalysisContext>>.Builder CompilationStartActions { get; } = ImmutableArray.CreateBuilder<Action<CompilationStartAnalysisContext>>();

            // The host configures both for every rule (ReportDiagnostics, concurrent); RuleConventionTests checks each rule asks for the same.
            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void EnableConcurrentExecution()
            {
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => CompilationStartActions.Add(action);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => host.RegisterCompilationAction(action);

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => host.RegisterSemanticModelAction(action);

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => host.RegisterSymbolAction(action, symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => host.RegisterSymbolStartAction(action, symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => host.RegisterCodeBlockStartAction(action);

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => host.RegisterCodeBlockAction(action);

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => host.RegisterSyntaxTreeAction(action);

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => host.RegisterAdditionalFileAction(action);

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => host.RegisterSyntaxNodeAction(action, syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => host.RegisterOperationBlockStartAction(action);

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => host.RegisterOperationBlockAction(action);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => host.RegisterOperationAction(action, operationKinds);
        }

        /// <summary>What a rule's compilation-start action sees: operation actions are collected by kind; the rest goes to the driver.</summary>
        private sealed class OperationBatch : CompilationStartAnalysisContext, ISharedState, INamedRegistration
        {
            private readonly Dictionary<Type, object> shared = new Dictionary<Type, object>();

            private readonly CompilationStartAnalysisContext start;
            private readonly ActionWrapper? wrap;
            // In registration order; a null test means every operation of the kind.
            private readonly Dictionary<OperationKind, List<(Action<OperationAnalysisContext> Action, Func<string, bool>? MayMatch)>> byKind = new Dictionary<OperationKind, List<(Action<OperationAnalysisContext>, Func<string, bool>?)>>();

#pragma warning disable RS1012 // registers later, in RegisterCollected and the forwarding overrides
            public OperationBatch(CompilationStartAnalysisContext start, ActionWrapper? wrap)
                : base(start.Compilation, start.Options, start.CancellationToken)
            {
                this.start = start;
                this.wrap = wrap;
            }
#pragma warning restore RS1012

            /// <summary>The rule whose compilation-start action is running.</summary>
            public DiagnosticAnalyzer? Rule { get; set; }


            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            {
                foreach (var kind in operationKinds)
                {
                    Add(action, kind, null);
                }
            }

            public void RegisterOperationAction(Action<OperationAnalysisContext> action, OperationKind kind, Func<string, bool> mayMatch)
                => Add(action, kind, NamedOperations.HasName(kind) ? mayMatch : null);

            private void Add(Action<OperationAnalysisContext> action, OperationKind kind, Func<string, bool>? mayMatch)
            {
                if (!byKind.TryGetValue(kind, out var actions))
                {
                    byKind.Add(kind, actions = new List<(Action<OperationAnalysisContext>, Func<string, bool>?)>());
                }

                actions.Add((wrap is null || Rule is null ? action : wrap(Rule, kind, action), mayMatch));
            }

            // The host runs the rules' compilation-start actions one after the other: no lock needed.
            public T GetOrAdd<T>(Func<T> create)
                where T : class
            {
                if (!shared.TryGetValue(typeof(T), out var value))
                {
                    shared.Add(typeof(T), value = create());
                }

                return (T)value;
            }

            /// <summary>One driver callback per operation kind.</summary>
            public void RegisterCollected()
            {
                foreach (var pair in byKind)
                {
                    var kind = pair.Key;
                    var all = pair.Value;
                    if (all.TrueForAll(entry => entry.MayMatch is null))
                    {
                        var actions = all.ConvertAll(entry => entry.Action).ToArray();
                        start.RegisterOperationAction(actions.Length == 1 ? actions[0] : context => Run(actions, context), kind);
                        continue;
                    }

                    // Calling each named action's test costs less than looking the name up in a per-name table: between
                    // two operations the compiler's binding evicts such a table from the processor's caches (perf: the
                    // host's own time was 1.5 to 1.8 times that of the tests with a table).
                    var nameOf = NamedOperations.NameGetter(kind);
                    var entries = all.ToArray();
                    start.RegisterOperationAction(context => RunMatching(entries, nameOf(context.Operation), context), kind);
                }
            }

            private static void Run(Action<OperationAnalysisContext>[] actions, OperationAnalysisContext context)
            {
                foreach (var action in actions)
                {
                    action(context);
                }
            }

            private static void RunMatching((Action<OperationAnalysisContext> Action, Func<string, bool>? MayMatch)[] entries, string name, OperationAnalysisContext context)
            {
                foreach (var (action, mayMatch) in entries)
                {
                    if (mayMatch is null || mayMatch(name))
                    {
                        action(context);
                    }
                }
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => start.RegisterCompilationEndAction(action);

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => start.RegisterSemanticModelAction(action);

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => start.RegisterSymbolAction(action, symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => start.RegisterSymbolStartAction(action, symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => start.RegisterCodeBlockStartAction(action);

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => start.RegisterCodeBlockAction(action);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => start.RegisterOperationBlockStartAction(action);

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => start.RegisterOperationBlockAction(action);

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => start.RegisterSyntaxTreeAction(action);

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => start.RegisterAdditionalFileAction(action);

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => start.RegisterSyntaxNodeAction(action, syntaxKinds);
        }
    }
}
