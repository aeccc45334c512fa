using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DualStackAnalyzers.Tests.Infrastructure
{
    /// <summary>An analyzer test on .NET 8 by default, with the pack resolution made safe for parallel tests.</summary>
    public sealed class DiagnosticTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public DiagnosticTest()
        {
            ReferenceAssemblies = TestReferences.Net80;
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);

        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            await TestReferences.EnsureResolvedAsync();
            await base.RunImplAsync(cancellationToken);
        }
    }

    public sealed class CodeFixTest<TAnalyzer, TFixer> : CSharpCodeFixTest<TAnalyzer, TFixer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFixer : CodeFixProvider, new()
    {
        public CodeFixTest()
        {
            ReferenceAssemblies = TestReferences.Net80;
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);

        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            await TestReferences.EnsureResolvedAsync();
            await base.RunImplAsync(cancellationToken);
        }
    }

    /// <summary>Code that does not compile yet: any diagnostics are acceptable, an analyzer crash (AD0001) is not.</summary>
    public static class IncompleteCode
    {
        public static async Task RunAsync<TAnalyzer>(DiagnosticTest<TAnalyzer> test)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            try
            {
                await test.RunAsync();
            }
            catch (System.Exception e) when (!e.Message.Contains("AD0001"))
            {
                // A diagnostic of the rule, or none, on incomplete code is acceptable: only the crash fails.
            }
        }
    }
}
