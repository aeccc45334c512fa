using System.Threading;
using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Types of the socket-family and address-selection rules (DS0003, DS0010, DS0011), resolved together on first use.</summary>
    internal sealed partial class NetSymbols
    {
        private SocketTypes? socketTypes;

        public INamedTypeSymbol? Dns => SocketArea.Dns;

        public INamedTypeSymbol? IPHostEntry => SocketArea.IPHostEntry;

        public INamedTypeSymbol? IPInterfaceProperties => SocketArea.IPInterfaceProperties;

        /// <summary>The base of UnicastIPAddressInformation and the other per-interface address records.</summary>
        public INamedTypeSymbol? IPAddressInformation => SocketArea.IPAddressInformation;

        public INamedTypeSymbol? DnsEndPoint => SocketArea.DnsEndPoint;

        public INamedTypeSymbol? SocketsHttpHandler => SocketArea.SocketsHttpHandler;

        public INamedTypeSymbol? Enumerable => SocketArea.Enumerable;

        private SocketTypes SocketArea
        {
            get
            {
                var types = Volatile.Read(ref socketTypes);
                if (types is null)
                {
                    Interlocked.CompareExchange(ref socketTypes, new SocketTypes(Compilation), null);
                    types = Volatile.Read(ref socketTypes)!;
                }

                return types;
            }
        }

        private sealed class SocketTypes
        {
            public SocketTypes(Compilation compilation)
            {
                Dns = compilation.GetTypeByMetadataName("System.Net.Dns");
                IPHostEntry = compilation.GetTypeByMetadataName("System.Net.IPHostEntry");
                IPInterfaceProperties = compilation.GetTypeByMetadataName("System.Net.NetworkInformation.IPInterfaceProperties");
                IPAddressInformation = compilation.GetTypeByMetadataName("System.Net.NetworkInformation.IPAddressInformation");
                DnsEndPoint = compilation.GetTypeByMetadataName("System.Net.DnsEndPoint");
                SocketsHttpHandler = compilation.GetTypeByMetadataName("System.Net.Http.SocketsHttpHandler");
                Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            }

            public INamedTypeSymbol? Dns { get; }
            public INamedTypeSymbol? IPHostEntry { get; }
            public INamedTypeSymbol? IPInterfaceProperties { get; }
            public INamedTypeSymbol? IPAddressInformation { get; }
            public INamedTypeSymbol? DnsEndPoint { get; }
            public INamedTypeSymbol? SocketsHttpHandler { get; }
            public INamedTypeSymbol? Enumerable { get; }
        }
    }
}
