using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Bench.Generation
{
    /// <summary>
    /// The assemblies of the running .NET runtime and of the ASP.NET Core shared framework of the same major version:
    /// what a web project on this machine compiles against (the generated code base needs both).
    /// </summary>
    public static class FrameworkReferences
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> Web = new Lazy<ImmutableArray<MetadataReference>>(Load);

        public static ImmutableArray<MetadataReference> RuntimeAndAspNet => Web.Value;

        public static string RuntimeDirectory => Path.GetDirectoryName(typeof(object).Assembly.Location)!;

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

        private static ImmutableArray<MetadataReference> Load()
        {
            var directories = new List<string> { RuntimeDirectory };
            if (AspNetDirectory is { } asp)
            {
                directories.Add(asp);
            }
            else
            {
                throw new InvalidOperationException("The ASP.NET Core shared framework " + Environment.Version.Major + ".x is not installed next to " + RuntimeDirectory);
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
    }
}
