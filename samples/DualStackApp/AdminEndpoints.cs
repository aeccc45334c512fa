using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DualStackApp;

/// <summary>Kestrel endpoints besides the public ones.</summary>
internal static class AdminEndpoints
{
    public static void Configure(KestrelServerOptions kestrel)
    {
        // Internal gRPC: [::] dual-stack, retried as 0.0.0.0 on nodes without IPv6.
        kestrel.ListenAnyIP(8082, listen => listen.Protocols = HttpProtocols.Http2);
    }
}
