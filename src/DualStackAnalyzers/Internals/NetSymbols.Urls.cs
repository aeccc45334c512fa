using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    /// <summary>The types of the URL and HttpListener rules (DS0002, DS0004, DS0005, DS0006), resolved once on first use.</summary>
    internal sealed partial class NetSymbols
    {
        private readonly LazyType webApplication = new LazyType("Microsoft.AspNetCore.Builder.WebApplication");
        private readonly LazyType webHost = new LazyType("Microsoft.AspNetCore.WebHost");
        private readonly LazyType serverAddressesFeature = new LazyType("Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature");
        private readonly LazyType configuration = new LazyType("Microsoft.Extensions.Configuration.IConfiguration");
        private readonly LazyType httpListenerPrefixCollection = new LazyType("System.Net.HttpListenerPrefixCollection");
        private readonly LazyType keyValuePair = new LazyType("System.Collections.Generic.KeyValuePair`2");

        public INamedTypeSymbol? WebApplication => webApplication.Get(Compilation);

        /// <summary>The static <c>Microsoft.AspNetCore.WebHost</c> (Start, StartWith).</summary>
        public INamedTypeSymbol? WebHost => webHost.Get(Compilation);

        public INamedTypeSymbol? ServerAddressesFeature => serverAddressesFeature.Get(Compilation);

        public INamedTypeSymbol? Configuration => configuration.Get(Compilation);

        public INamedTypeSymbol? HttpListenerPrefixCollection => httpListenerPrefixCollection.Get(Compilation);

        public INamedTypeSymbol? KeyValuePair => keyValuePair.Get(Compilation);

        /// <summary>A type resolved on first use; a type the compilation lacks is looked up once, not on every use.</summary>
        private sealed class LazyType
        {
            private readonly string metadataName;
            private INamedTypeSymbol? symbol;
            private volatile bool resolved;

            public LazyType(string metadataName)
            {
                this.metadataName = metadataName;
            }

            public INamedTypeSymbol? Get(Compilation compilation)
            {
                if (!resolved)
                {
                    // Racing threads resolve the same symbol: harmless.
                    symbol = compilation.GetTypeByMetadataName(metadataName);
                    resolved = true;
                }

                return symbol;
            }
        }
    }
}
