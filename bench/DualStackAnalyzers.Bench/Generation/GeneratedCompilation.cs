using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Bench.Generation
{
    /// <summary>Turns generated files into a compilation (C# files) and AdditionalFiles (configuration files).</summary>
    public static class GeneratedCompilation
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        public static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: false);

        public static CSharpCompilation Create(IEnumerable<GeneratedFile> files, out ImmutableArray<AdditionalText> additionalFiles)
        {
            var trees = new List<SyntaxTree>();
            var additional = ImmutableArray.CreateBuilder<AdditionalText>();
            foreach (var file in files)
            {
                if (file.IsAdditional)
                {
                    additional.Add(new InMemoryAdditionalText(file.Path, file.Text));
                }
                else
                {
                    trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(file.Text, System.Text.Encoding.UTF8), ParseOptions, file.Path));
                }
            }

            additionalFiles = additional.ToImmutable();
            return CSharpCompilation.Create("Contoso.Generated", trees, FrameworkReferences.RuntimeAndAspNet, Options);
        }

        public sealed class InMemoryAdditionalText : AdditionalText
        {
            private readonly SourceText text;

            public InMemoryAdditionalText(string path, string text)
            {
                Path = path;
                this.text = SourceText.From(text, System.Text.Encoding.UTF8);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => text;
        }
    }
}
