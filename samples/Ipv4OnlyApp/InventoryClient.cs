using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ipv4OnlyApp;

/// <summary>Asks the inventory service for stock over its line protocol; resolves the service name itself.</summary>
internal sealed class InventoryClient(string host, int port)
{
    public async Task<string> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync((await Dns.GetHostAddressesAsync(host, cancellationToken))[0], port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("STOCK " + sku + "\n"), cancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).Trim();
    }

    /// <summary>The address written to the audit log next to each order.</summary>
    public IPAddress ResolveForAudit() => Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);

    /// <summary>Where the health prober connects.</summary>
    public EndPoint HealthEndpoint => new DnsEndPoint(host, port + 1, AddressFamily.InterNetwork);
}
