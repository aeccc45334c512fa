using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualStackAnalyzers.Tests.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests
{
    public class ScratchProbe
    {
        private readonly ITestOutputHelper output;
        public ScratchProbe(ITestOutputHelper output) { this.output = output; }

        [Fact]
        public async Task Probe()
        {
            var source = File.ReadAllText("/tmp/scratch/probe.cs");
            var compilation = CSharpCompilation.Create("Probe", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                FixedCode.WebReferences.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            foreach (var e in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)) output.WriteLine("COMPILE: " + e);
            var analyzers = Infrastructure.Repository.Analyzers;
            var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
            foreach (var d in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var line = d.Location.GetLineSpan().StartLinePosition.Line + 1;
                output.WriteLine($"L{line} {d.Id}: {source.Substring(d.Location.SourceSpan.Start, System.Math.Min(70, d.Location.SourceSpan.Length)).Replace("\n", " ")} :: {d.GetMessage()}");
            }
        }
    }
}
