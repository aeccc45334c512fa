using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Tests.Infrastructure
{
    /// <summary>The repository the tests run from, and every analyzer, fixer and descriptor the package ships.</summary>
    public static class Repository
    {
        public static string Root { get; } = FindRoot();

        public static string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

        /// <summary>
        /// Every rule, each a DiagnosticAnalyzer of its own that tests run alone. The package ships them inside
        /// <see cref="AllRulesAnalyzer"/> (see <see cref="Shipped"/>); AllRulesAnalyzerTests checks both report the same.
        /// </summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = AllRulesAnalyzer.CreateRules();

        /// <summary>What the package's analyzer assembly exposes to the compiler: the analyzers with [DiagnosticAnalyzer].</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Shipped { get; } = typeof(AllRulesAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static ImmutableArray<Type> FixerTypes { get; } = typeof(ListenerBindsIPv4WildcardFixer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.Name)
            .ToImmutableArray();

        public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id)
            .ToImmutableArray();

        /// <summary>IDs that have a code fix.</summary>
        public static ImmutableArray<string> FixableIds { get; } = FixerTypes
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .Distinct()
            .OrderBy(id => id)
            .ToImmutableArray();

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "DualStackAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("DualStackAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
