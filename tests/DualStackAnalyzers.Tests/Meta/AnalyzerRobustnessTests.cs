using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DualStackAnalyzers.Tests.Runtime;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DualStackAnalyzers.Tests.Meta
{
    /// <summary>Every analyzer survives empty, unparsable and half-typed files (an exception would be AD0001 and disable it).</summary>
    public class AnalyzerRobustnessTests
    {
        public static TheoryData<string> Inputs => new TheoryData<string>
        {
            string.Empty,
            "class { void ( = ;",
            "using System.Net; using System.Net.Sockets; class C { void M() { new TcpListener(IPAddress.",
            "using System.Net; using System.Net.Sockets; class C { void M(Socket s) { s.Bind(new IPEndPoint(IPAddress.Any, ; } }",
            "using System.Net; class C { static readonly IPAddress A = IPAddress.Any; object M() => new System.Net.Sockets.TcpListener(A, ); }",
            "var x = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Any,",
            "class C { string s = \"0.0.0.0\"; string t = $\"http://{ }:80\"; string u = \"\"\"",
            "#if X\n class",
            "using System.Net; class C { void M() { var a = IPAddress.Any; a = ; var l = new System.Net.Sockets.TcpListener(a, 1); } }",
        };

        [Theory]
        [MemberData(nameof(Inputs))]
        public async Task NoAnalyzerThrows(string source)
        {
            var exceptions = new List<string>();
            foreach (var kind in new[] { OutputKind.DynamicallyLinkedLibrary, OutputKind.ConsoleApplication })
            {
                var compilation = CSharpCompilation.Create(
                    "Broken",
                    new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                    FixedCode.WebReferences.Value,
                    new CSharpCompilationOptions(kind));
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    (exception, analyzer, diagnostic) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(Repository.Analyzers, options).GetAllDiagnosticsAsync();
                exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
            }

            Assert.Empty(exceptions);
        }
    }
}
