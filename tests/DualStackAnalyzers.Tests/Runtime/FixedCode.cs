using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// Runs an analyzer and its fixer on a source against the machine's .NET 10 runtime (and ASP.NET Core) assemblies,
    /// the way the IDE does, and returns the fixed text. The runtime tests then compile and run that text.
    /// </summary>
    public static class FixedCode
    {
        public static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new Lazy<ImmutableArray<MetadataReference>>(() => Load(false));

        public static readonly Lazy<ImmutableArray<MetadataReference>> WebReferences = new Lazy<ImmutableArray<MetadataReference>>(() => Load(true));

        public static string RuntimeDirectory => Path.GetDirectoryName(typeof(object).Assembly.Location)!;

        /// <summary>The ASP.NET Core shared framework of the same major version as the running runtime.</summary>
        public static string? AspNetDirectory
        {
            get
            {
                var shared = Path.GetDirectoryName(Path.GetDirectoryName(RuntimeDirectory))!;
                var root = Path.Combine(shared, "Microsoft.AspNetCore.App");
                var major = Environment.Version.Major + ".";
                return Directory.Exists(root)
                    ? Directory.GetDirectories(root).Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal)).OrderBy(d => d).LastOrDefault()
                    : null;
            }
        }

        private static ImmutableArray<MetadataReference> Load(bool web)
        {
            var directories = new List<string> { RuntimeDirectory };
            if (web && AspNetDirectory is { } asp)
            {
                directories.Add(asp);
            }

            return directories
                .SelectMany(d => Directory.GetFiles(d, "*.dll"))
                .Where(IsManaged)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .ToImmutableArray();
        }

        private static bool IsManaged(string path)
        {
            try
            {
                System.Reflection.AssemblyName.GetAssemblyName(path);
                return true;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }

        /// <summary>
        /// Applies, one diagnostic at a time, the action with <paramref name="equivalenceKey"/> (the first action when
        /// null) until no diagnostic of <paramref name="id"/> is left that has a fix. Returns the fixed source.
        /// </summary>
        public static async Task<string> ApplyAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string id, string? equivalenceKey = null, bool web = false)
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Fixed",
                "Fixed",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: web ? WebReferences.Value : RuntimeReferences.Value));
            var document = workspace.AddDocument(project.Id, "Program.cs", SourceText.From(source));

            for (var round = 0; round < 20; round++)
            {
                var compilation = (await document.Project.GetCompilationAsync())!;
                var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
                CodeAction? chosen = null;
                foreach (var diagnostic in diagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start))
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                    chosen = equivalenceKey is null ? actions.FirstOrDefault() : actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey);
                    if (chosen is not null)
                    {
                        break;
                    }
                }

                if (chosen is null)
                {
                    return (await document.GetTextAsync()).ToString();
                }

                var operations = await chosen.GetOperationsAsync(CancellationToken.None);
                var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
                document = changed.GetDocument(document.Id)!;
            }

            throw new InvalidOperationException("the fix did not converge");
        }
    }
}
