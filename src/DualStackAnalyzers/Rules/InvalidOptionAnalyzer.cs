using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0099: a dualstack.* option (or the DualStackAnalysisMode property) has a value we cannot use. The rules fall
    /// back to the default for that value and never throw; this says so once per value, at the end of the build.
    /// </summary>
    public sealed class InvalidOptionAnalyzer : DiagnosticAnalyzer
    {
        public const string AnalysisModeProperty = "build_property.DualStackAnalysisMode";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.CreateCompilationEnd(
            RuleIds.InvalidOption,
            RuleCategories.Configuration,
            "Invalid dualstack option",
            "Invalid dualstack option: {0}",
            DiagnosticSeverity.Warning,
            "A dualstack.* option in .editorconfig or a global config, or the MSBuild property DualStackAnalysisMode, has a value the analyzers cannot use. The bad value is ignored and the default applies.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var provider = start.Options.AnalyzerConfigOptionsProvider;
                var cache = new DualStackOptions.Cache(provider);
                var problems = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
                foreach (var problem in cache.Global.Problems)
                {
                    problems.TryAdd(problem, 0);
                }

                if (provider.GlobalOptions.TryGetValue(AnalysisModeProperty, out var mode) && !IsAnalysisMode(mode))
                {
                    problems.TryAdd("DualStackAnalysisMode '" + mode.Trim() + "' is not Default, All or None; Default is used", 0);
                }

                start.RegisterSyntaxTreeAction(tree =>
                {
                    foreach (var problem in cache.For(tree.Tree).Problems)
                    {
                        problems.TryAdd(problem, 0);
                    }
                });

                start.RegisterCompilationEndAction(end =>
                {
                    foreach (var problem in problems.Keys.OrderBy(p => p, StringComparer.Ordinal))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Rule, Location.None, problem));
                    }
                });
            });
        }

        internal static bool IsAnalysisMode(string? value)
        {
            var trimmed = value?.Trim() ?? string.Empty;
            return trimmed.Length == 0
                || trimmed.Equals("Default", StringComparison.OrdinalIgnoreCase)
                || trimmed.Equals("All", StringComparison.OrdinalIgnoreCase)
                || trimmed.Equals("None", StringComparison.OrdinalIgnoreCase);
        }
    }
}
