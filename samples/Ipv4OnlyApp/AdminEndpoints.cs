using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Ipv4OnlyApp;

/// <summary>Kestrel endpoints besides the public ones.</summary>
internal static class AdminEndpoints
{
    public static void Configure(KestrelServerOptions kestrel)
    {
        // Admin API: local callers only.
        kestrel.Listen(IPAddress.Loopback, 8081);

        // Internal gRPC: someone made it dual-stack, but it no longer starts on nodes without IPv6.
        kestrel.Listen(IPAddress.IPv6Any, 8082, listen => listen.Protocols = HttpProtocols.Http2);
    }
}
