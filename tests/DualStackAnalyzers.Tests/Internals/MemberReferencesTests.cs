using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DualStackAnalyzers.Bench.Generation;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Tests.Infrastructure;
using DualStackAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace DualStackAnalyzers.Tests.Internals
{
    /// <summary>
    /// DS0012 and DS0013 find their property and field references by a search of the tree's text instead of an operation
    /// callback for every reference: the search must find every reference the callback is given, with the same
    /// containing member (which the rules' checks read).
    /// </summary>
    public class MemberReferencesTests
    {
        // The names the rules ask for, and a common one.
        private static readonly string[] Names = { "Address", "Broadcast", "None", "Port" };

        [Fact]
        public async Task FindsWhatOperationCallbacksAreGivenInEveryRuleTestSource()
        {
            var found = 0;
            foreach (var file in TestSourceCorpus.RuleTestFiles())
            {
                foreach (var source in TestSourceCorpus.SourcesOf(file))
                {
                    found += await AssertSameAsync(source.Origin, CSharpSyntaxTree.ParseText(source.Text, RobustnessHarness.ParseOptions, path: "/src/a.cs"));
                }
            }

            // Not vacuous: the corpus has many references of these names.
            Assert.True(found > 100, found + " references");
        }

        [Fact]
        public async Task FindsWhatOperationCallbacksAreGivenInGeneratedCode()
        {
            var files = new[] { CodeBaseGenerator.UsingsFile(), CodeBaseGenerator.CoreFile() }
                .Concat(Enumerable.Range(0, 60).SelectMany(CodeBaseGenerator.Module))
                .Where(f => !f.IsAdditional)
                .Select(f => CSharpSyntaxTree.ParseText(f.Text, RobustnessHarness.ParseOptions, path: "/src/" + f.Path))
                .ToArray();
            var found = await AssertSameAsync("generated code", files);
            Assert.True(found > 10, found + " references");
        }

        [Theory]
        [InlineData("class C { IPAddress? a; long M() => a?.Address ?? 0; }", 1)]
        [InlineData("class C { bool M(IPEndPoint e) => e is { Address: { Address: 0 } }; }", 2)]
        [InlineData("class C { IPEndPoint M() => new IPEndPoint(0, 0) { Address = IPAddress.None }; }", 2)]
        [InlineData("using static System.Net.IPAddress; class C { object M() => None; }", 1)]
        [InlineData("class C { static IPAddress f = IPAddress.Broadcast; IPAddress P { get; } = IPAddress.None; }", 2)]
        [InlineData("class C { void M() { Func<IPAddress> f = () => IPAddress.None; IPAddress L() => IPAddress.Broadcast; } }", 2)]
        [InlineData("var a = IPAddress.None; Console.WriteLine(a.Address); class C(IPAddress a) { IPAddress b = a ?? IPAddress.None; }", 3)]
        [InlineData("class C { string n = nameof(IPAddress.None); void M() { var x = IPAddress.; var y = Address; } }", 1)]
        [InlineData("class C { int Address; void M() { Address = 1; this.Address++; } /* Address */ string s = \"Address\"; }", 2)]
        public async Task FindsTheWrittenForms(string body, int expected)
        {
            var tree = CSharpSyntaxTree.ParseText("using System; using System.Net;\n" + body, RobustnessHarness.ParseOptions, path: "/src/a.cs");
            Assert.Equal(expected, await AssertSameAsync(body, tree));
        }

        /// <summary>Both ways over the trees, for every member of the names and for IPAddress's only; returns how many references of the names.</summary>
        private static async Task<int> AssertSameAsync(string origin, params SyntaxTree[] trees)
        {
            var compilation = CSharpCompilation.Create("M", trees, FrameworkReferences.RuntimeAndAspNet, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
            Func<ISymbol, bool> any = _ => true;
            Func<ISymbol, bool> ofIPAddress = member => member.ContainingType?.ToDisplayString() == "System.Net.IPAddress";
            var recorders = new[] { new Recorder(false, any), new Recorder(true, any), new Recorder(false, ofIPAddress), new Recorder(true, ofIPAddress) };
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(recorders.ToImmutableArray<DiagnosticAnalyzer>(), options).GetAnalyzerDiagnosticsAsync();
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

            for (var i = 0; i < recorders.Length; i += 2)
            {
                var expected = recorders[i].Sites.OrderBy(s => s, StringComparer.Ordinal).ToList();
                var actual = recorders[i + 1].Sites.OrderBy(s => s, StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(actual), origin + ":\n  callbacks: " + string.Join("\n             ", expected.Except(actual)) + "\n  search:    " + string.Join("\n             ", actual.Except(expected)));
            }

            return recorders[0].Sites.Count;
        }

        /// <summary>Records every wanted property and field reference of <see cref="Names"/>: where, which member, in which containing member.</summary>
#pragma warning disable RS1036, RS1001 // a test probe, not a shipped analyzer
        private sealed class Recorder : DiagnosticAnalyzer
        {
            private readonly bool bySearch;
            private readonly Func<ISymbol, bool> isWanted;

            public Recorder(bool bySearch, Func<ISymbol, bool> isWanted)
            {
                this.bySearch = bySearch;
                this.isWanted = isWanted;
            }

            public List<string> Sites { get; } = new List<string>();

            // Reports nothing, but an analyzer without an enabled descriptor is not run.
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(new DiagnosticDescriptor("PROBE", "probe", "probe", "test", DiagnosticSeverity.Hidden, isEnabledByDefault: true));

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.EnableConcurrentExecution();
                context.RegisterCompilationStartAction(start =>
                {
                    if (bySearch)
                    {
                        start.RegisterMemberReferenceAction<IMemberReferenceOperation>(isWanted, (site, reference) => Record(reference, site.ContainingSymbol), Names);
                    }
                    else
                    {
                        start.RegisterOperationAction(
                            c =>
                            {
                                var reference = (IMemberReferenceOperation)c.Operation;
                                if (Names.Contains(reference.Member.Name) && isWanted(reference.Member))
                                {
                                    Record(reference, c.ContainingSymbol);
                                }
                            },
                            OperationKind.PropertyReference,
                            OperationKind.FieldReference);
                    }
                });
            }

            private void Record(IMemberReferenceOperation reference, ISymbol containing)
            {
                if (reference.Kind is not (OperationKind.PropertyReference or OperationKind.FieldReference))
                {
                    return;
                }

                lock (Sites)
                {
                    Sites.Add(reference.Syntax.SyntaxTree.FilePath + reference.Syntax.Span + " " + reference.Member.ToDisplayString() + " in " + containing.ToDisplayString());
                }
            }
        }
#pragma warning restore RS1036, RS1001
    }
}
