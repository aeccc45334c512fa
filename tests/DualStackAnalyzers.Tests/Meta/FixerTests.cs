using System;
using System.Composition;
using System.Linq;
using System.Reflection;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace DualStackAnalyzers.Tests.Meta
{
    /// <summary>What the IDE and `dotnet format` need from every fixer.</summary>
    public class FixerTests
    {
        public static TheoryData<Type> Fixers()
        {
            var data = new TheoryData<Type>();
            foreach (var type in Repository.FixerTypes)
            {
                data.Add(type);
            }

            return data;
        }

        [Fact]
        public void ThereAreFixers() => Assert.NotEmpty(Repository.FixerTypes);

        [Theory]
        [MemberData(nameof(Fixers))]
        public void FixerIsExportedSharedAndHasAParameterlessConstructor(Type type)
        {
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Contains(LanguageNames.CSharp, export!.Languages);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
            Assert.True(type.IsPublic && type.IsSealed);
        }

        [Theory]
        [MemberData(nameof(Fixers))]
        public void FixAllWorksInEveryScope(Type type)
        {
            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            var fixAll = fixer.GetFixAllProvider();
            Assert.NotNull(fixAll);
            var scopes = fixAll!.GetSupportedFixAllScopes().ToList();
            Assert.Contains(FixAllScope.Document, scopes);
            Assert.Contains(FixAllScope.Project, scopes);
            Assert.Contains(FixAllScope.Solution, scopes);
        }

        [Theory]
        [MemberData(nameof(Fixers))]
        public void FixerFixesOnlyRulesThePackageReports(Type type)
        {
            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(Repository.Descriptors, d => d.Id == id));
        }
    }
}
