using System.Net;
using System.Net.Sockets;

namespace DualStackApp;

/// <summary>The same upstreams by name or configuration; public resolvers listed in both families.</summary>
internal static class UpstreamClients
{
    public const string InventoryUrl = "http://inventory.orders.svc:8080/";
    public const string OrdersDatabase = "Host=orders-db.orders.svc;Port=5432;Database=orders";
    public static readonly IPAddress[] Resolvers = { IPAddress.Parse("8.8.8.8"), IPAddress.Parse("2001:4860:4860::8888") };
    public static string InstanceMetadata => Environment.GetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT") ?? "http://instance-metadata/";
    public const string CacheSidecar = "localhost:6379";
    public const string AppVersion = "4.2.1.7";

    public static async Task<bool> SidecarAliveAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("localhost", 15000, cancellationToken); // every address of the name, ::1 and 127.0.0.1
        return client.Connected;
    }
}
