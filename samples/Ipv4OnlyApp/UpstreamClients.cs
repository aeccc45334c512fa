using System.Net;
using System.Net.Sockets;

namespace Ipv4OnlyApp;

/// <summary>The order service's upstreams, as they were wired on the IPv4-only cluster.</summary>
internal static class UpstreamClients
{
    public const string InventoryUrl = "http://10.40.12.7:8080/";
    public const string OrdersDatabase = "Host=10.40.12.20;Port=5432;Database=orders";
    public static readonly IPAddress Resolver = IPAddress.Parse("8.8.8.8");
    public const string InstanceMetadata = "http://169.254.169.254/latest/meta-data/";
    public const string CacheSidecar = "127.0.0.1:6379";
    public const string AppVersion = "4.2.1.7";

    public static async Task<bool> SidecarAliveAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, 15000, cancellationToken);
        return client.Connected;
    }
}
