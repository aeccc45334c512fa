using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    internal sealed partial class NetSymbols
    {
        private PeerSymbols? peers;

        /// <summary>Types of the endpoint-text and peer rules (DS0030, DS0031, DS0040, DS0041), resolved together on first use.</summary>
        public PeerSymbols Peers => peers ??= new PeerSymbols(Compilation);
    }

    /// <summary>
    /// Everything the endpoint-text and peer rules look up. Resolved once per compilation (a benign race may build it
    /// twice; both copies are equal). A null member means the compilation cannot use that API.
    /// </summary>
    internal sealed class PeerSymbols
    {
        public PeerSymbols(Compilation compilation)
        {
            Uri = compilation.GetTypeByMetadataName("System.Uri");
            UriBuilder = compilation.GetTypeByMetadataName("System.UriBuilder");
            Environment = compilation.GetTypeByMetadataName("System.Environment");
            Exception = compilation.GetTypeByMetadataName("System.Exception");
            Console = compilation.GetTypeByMetadataName("System.Console");
            TextWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
            Debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
            Trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
            Convert = compilation.GetTypeByMetadataName("System.Convert");
            Regex = compilation.GetTypeByMetadataName("System.Text.RegularExpressions.Regex");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            MemoryExtensions = compilation.GetTypeByMetadataName("System.MemoryExtensions");

            UdpReceiveResult = compilation.GetTypeByMetadataName("System.Net.Sockets.UdpReceiveResult");
            SocketReceiveFromResult = compilation.GetTypeByMetadataName("System.Net.Sockets.SocketReceiveFromResult");
            SocketReceiveMessageFromResult = compilation.GetTypeByMetadataName("System.Net.Sockets.SocketReceiveMessageFromResult");
            SystemIPNetwork = compilation.GetTypeByMetadataName("System.Net.IPNetwork");
            HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            HttpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            WebRequest = compilation.GetTypeByMetadataName("System.Net.WebRequest");

            ConnectionInfo = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.ConnectionInfo");
            HttpConnectionFeature = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Features.IHttpConnectionFeature");
            BaseConnectionContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Connections.BaseConnectionContext");
            ForwardedHeadersOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.ForwardedHeadersOptions");
            HttpOverridesIPNetwork = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.HttpOverrides.IPNetwork");
            GrpcChannel = compilation.GetTypeByMetadataName("Grpc.Net.Client.GrpcChannel");
            ILogger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
            IConfiguration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
        }

        public INamedTypeSymbol? Uri { get; }
        public INamedTypeSymbol? UriBuilder { get; }
        public INamedTypeSymbol? Environment { get; }
        public INamedTypeSymbol? Exception { get; }
        public INamedTypeSymbol? Console { get; }
        public INamedTypeSymbol? TextWriter { get; }
        public INamedTypeSymbol? Debug { get; }
        public INamedTypeSymbol? Trace { get; }
        public INamedTypeSymbol? Convert { get; }
        public INamedTypeSymbol? Regex { get; }
        public INamedTypeSymbol? Enumerable { get; }
        public INamedTypeSymbol? MemoryExtensions { get; }

        public INamedTypeSymbol? UdpReceiveResult { get; }
        public INamedTypeSymbol? SocketReceiveFromResult { get; }
        public INamedTypeSymbol? SocketReceiveMessageFromResult { get; }

        /// <summary>System.Net.IPNetwork (.NET 8+). Its Contains matches IPv4-mapped addresses only from .NET 9 (ground truth #8).</summary>
        public INamedTypeSymbol? SystemIPNetwork { get; }
        public INamedTypeSymbol? HttpClient { get; }
        public INamedTypeSymbol? HttpRequestMessage { get; }
        public INamedTypeSymbol? WebRequest { get; }

        public INamedTypeSymbol? ConnectionInfo { get; }
        public INamedTypeSymbol? HttpConnectionFeature { get; }
        public INamedTypeSymbol? BaseConnectionContext { get; }
        public INamedTypeSymbol? ForwardedHeadersOptions { get; }

        /// <summary>The obsolete Microsoft.AspNetCore.HttpOverrides.IPNetwork: its Contains never matches across families.</summary>
        public INamedTypeSymbol? HttpOverridesIPNetwork { get; }
        public INamedTypeSymbol? GrpcChannel { get; }
        public INamedTypeSymbol? ILogger { get; }
        public INamedTypeSymbol? IConfiguration { get; }
    }
}
