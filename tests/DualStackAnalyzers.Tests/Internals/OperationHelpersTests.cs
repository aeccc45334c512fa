using System.Linq;
using DualStackAnalyzers.Bench.Generation;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace DualStackAnalyzers.Tests.Internals
{
    /// <summary>The syntax-first readers give what the compiler's constants give, for every form they read.</summary>
    public class OperationHelpersTests
    {
        private const string Source = @"
enum Mode { A = 1 }
class C
{
    const string Key = ""urls"";
    const char Colon = ':';
    void M(int h, string s)
    {
        var texts = new[]
        {
            $""10.{h}.0.1"", $""{h}:80"", $""a{{b}}c{h}\t.{h}\x41"", $@""\d.{h}"""""", @$""x{h}y"", $""{h}{s}"",
            $""""""raw {h}.1"""""",
            $""""""
                multi {h}.
                  2.3
                """""",
        };
        object[] values = { ""lit"", 'c', Key, Colon, Mode.A, 42, nameof(M), (""a"" + ""b""), s };
    }
}";

        [Fact]
        public void InterpolatedTextIsTheTextPartsConstant()
        {
            var parts = Operations().OfType<IInterpolatedStringTextOperation>().ToList();
            Assert.True(parts.Count >= 14);
            foreach (var part in parts)
            {
                Assert.Equal(part.Text.ConstantValue.Value as string, OperationHelpers.InterpolatedText(part));
                Assert.Equal(part.Text.ConstantValue.Value as string, OperationHelpers.ConstantString(part.Text));
            }
        }

        [Fact]
        public void ConstantStringOrCharIsTheConstantOfTextAndNothingElse()
        {
            var values = Operations().OfType<IArrayInitializerOperation>().Last().ElementValues
                .Select(value => value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value)
                .Select(OperationHelpers.ConstantStringOrChar)
                .ToArray();
            Assert.Equal(new object?[] { "lit", 'c', "urls", ':', null, null, "M", "ab", null }, values);
        }

        private static IOperation[] Operations()
        {
            var tree = CSharpSyntaxTree.ParseText(Source, RobustnessHarness.ParseOptions);
            var compilation = CSharpCompilation.Create("H", new[] { tree }, FrameworkReferences.RuntimeAndAspNet, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var model = compilation.GetSemanticModel(tree);
            var body = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single();
            return model.GetOperation(body)!.DescendantsAndSelf().ToArray();
        }
    }
}
