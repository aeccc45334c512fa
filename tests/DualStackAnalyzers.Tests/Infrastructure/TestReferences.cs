using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace DualStackAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Reference assemblies for test compilations. Microsoft.CodeAnalysis.Testing downloads packs on first use; two
    /// tests resolving the same pack at once raced on a fresh machine, so every set is resolved once, in order,
    /// before any test compiles (see <see cref="EnsureResolvedAsync"/>).
    /// </summary>
    public static class TestReferences
    {
        public static readonly ReferenceAssemblies Net80 = CreateNet80();

        public static readonly ReferenceAssemblies Net80AspNet = CreateNet80AspNet();

        /// <summary>Net.Net90 asks for a 9.0.0 pack that the registry does not serve: pin a served 10.0 pack instead.</summary>
        public static readonly ReferenceAssemblies Net100 = CreateNet100();

        public static readonly ReferenceAssemblies Net100AspNet = CreateNet100AspNet();

        public static readonly ReferenceAssemblies Net461 = CreateNet461();

        public static readonly ReferenceAssemblies NetStandard20 = CreateNetStandard20();

        private static readonly ImmutableArray<ReferenceAssemblies> All =
            ImmutableArray.Create(Net80, Net80AspNet, Net100, Net100AspNet, Net461, NetStandard20);

        private static ReferenceAssemblies CreateNet80() => new ReferenceAssemblies(
            "net8.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.0"),
            Path.Combine("ref", "net8.0"));

        private static ReferenceAssemblies CreateNet80AspNet() => CreateNet80().AddPackages(
            ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0")));

        private static ReferenceAssemblies CreateNet100() => new ReferenceAssemblies(
            "net10.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
            Path.Combine("ref", "net10.0"));

        private static ReferenceAssemblies CreateNet100AspNet() => CreateNet100().AddPackages(
            ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "10.0.12")));

        private static ReferenceAssemblies CreateNet461() => new ReferenceAssemblies(
            "net461",
            new PackageIdentity("Microsoft.NETFramework.ReferenceAssemblies.net461", "1.0.3"),
            Path.Combine("build", ".NETFramework", "v4.6.1"))
            .AddAssemblies(ImmutableArray.Create("mscorlib", "System", "System.Core"));

        private static ReferenceAssemblies CreateNetStandard20() => ReferenceAssemblies.NetStandard.NetStandard20;

        private static readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);
        private static volatile bool resolved;

        public static async Task EnsureResolvedAsync()
        {
            if (resolved)
            {
                return;
            }

            await Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!resolved)
                {
                    // The packs are restored by the test project (PackageDownload), so this finds them installed.
                    foreach (var set in All)
                    {
                        await set.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).ConfigureAwait(false);
                    }

                    resolved = true;
                }
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
