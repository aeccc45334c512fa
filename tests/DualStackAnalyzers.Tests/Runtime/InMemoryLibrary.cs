using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// Source compiled in process (Roslyn emit) against the machine's .NET runtime and loaded into a collectible context,
    /// so that a test can call the fixed code's methods directly. For code that needs no process of its own (no sockets
    /// to take away): text formatting, address comparisons.
    /// </summary>
    public sealed class InMemoryLibrary : IDisposable
    {
        private readonly AssemblyLoadContext context;
        private readonly Assembly assembly;

        private InMemoryLibrary(AssemblyLoadContext context, Assembly assembly)
        {
            this.context = context;
            this.assembly = assembly;
        }

        public static InMemoryLibrary Compile(string source, bool web = false)
        {
            var compilation = CSharpCompilation.Create(
                "Fixed" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                web ? FixedCode.WebReferences.Value : FixedCode.RuntimeReferences.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                throw new InvalidOperationException("The code does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);
            }

            image.Position = 0;
            var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
            return new InMemoryLibrary(context, context.LoadFromStream(image));
        }

        /// <summary>Calls a public static method of a public type; an exception it throws is rethrown as is.</summary>
        public object? Call(string type, string method, params object?[] arguments)
        {
            var target = assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                ?? throw new MissingMethodException(type, method);
            try
            {
                return target.Invoke(null, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        public void Dispose() => context.Unload();
    }
}
