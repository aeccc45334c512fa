using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Bench
{
    /// <summary>
    /// The operation kinds our analyzers register for, read by running their Initialize and compilation-start actions
    /// against recording contexts; and an analyzer with that shape whose callbacks do nothing. Its time is the floor:
    /// what the driver charges for calling our callbacks at all, before any of our code runs.
    /// </summary>
    internal static class RegistrationShape
    {
        public static ImmutableArray<OperationKind> Read(IEnumerable<DiagnosticAnalyzer> analyzers, Compilation compilation, AnalyzerOptions options)
        {
            var kinds = new List<OperationKind>();
            foreach (var analyzer in analyzers)
            {
                var context = new RecordingContext(compilation, options, kinds);
                analyzer.Initialize(context);
                foreach (var start in context.StartActions)
                {
                    start(new RecordingStartContext(compilation, options, kinds));
                }
            }

            return kinds.ToImmutableArray();
        }

        public static string Describe(ImmutableArray<OperationKind> kinds)
            => string.Join(", ", kinds.GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.ToString(), StringComparer.Ordinal).Select(g => g.Key + " ×" + g.Count()));

        private sealed class RecordingContext : AnalysisContext
        {
            private readonly Compilation compilation;
            private readonly AnalyzerOptions options;
            private readonly List<OperationKind> kinds;

            public RecordingContext(Compilation compilation, AnalyzerOptions options, List<OperationKind> kinds)
            {
                this.compilation = compilation;
                this.options = options;
                this.kinds = kinds;
            }

            public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = new List<Action<CompilationStartAnalysisContext>>();

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => kinds.AddRange(operationKinds);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) { }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }

            public override void EnableConcurrentExecution() { }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) { }
        }

        private sealed class RecordingStartContext : CompilationStartAnalysisContext
        {
            private readonly List<OperationKind> kinds;

            public RecordingStartContext(Compilation compilation, AnalyzerOptions options, List<OperationKind> kinds)
                : base(compilation, options, CancellationToken.None)
            {
                this.kinds = kinds;
            }

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => kinds.AddRange(operationKinds);

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) { }

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) { }

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) { }

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) { }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }
        }
    }

    /// <summary>
    /// Callbacks in our registration shape that do none of our work: the driver's cost of calling us (the floor). With
    /// <c>readNames</c>, each callback also reads the name a named action is tested on (the called method's, created
    /// type's, property's or field's) and counts the call: what the host pays before any rule runs.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyShapeAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor("BENCH02", "Floor", "Floor", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        private readonly ImmutableArray<OperationKind> kinds;
        private readonly bool readNames;

        public EmptyShapeAnalyzer(ImmutableArray<OperationKind> kinds, bool readNames = false)
        {
            this.kinds = kinds;
            this.readNames = readNames;
            Calls = kinds.Distinct().ToDictionary(kind => kind, _ => new long[1]);
        }

        /// <summary>With readNames: callbacks per operation kind, summed over every pass this instance ran in.</summary>
        public Dictionary<OperationKind, long[]> Calls { get; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            foreach (var kind in readNames ? kinds.Distinct() : kinds)
            {
                if (!readNames)
                {
                    context.RegisterOperationAction(static c => GC.KeepAlive(c.Operation), kind);
                    continue;
                }

                var nameOf = DualStackAnalyzers.Internals.NamedOperations.NameGetter(kind);
                var count = Calls[kind];
                context.RegisterOperationAction(c =>
                {
                    Interlocked.Increment(ref count[0]);
                    var name = nameOf(c.Operation);
                    GC.KeepAlive(name.Length > 0 ? name[0] : ' ');
                }, kind);
            }
        }
    }
}
