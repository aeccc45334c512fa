using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DualStackApp;

internal sealed class InventoryClient(string host, int port)
{
    public async Task<string> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(); // dual-stack, IPv4 where the OS has no IPv6
        await client.ConnectAsync(host, port, cancellationToken); // tries every address the name resolves to
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("STOCK " + sku + "\n"), cancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).Trim();
    }

    /// <summary>Prefers an IPv4 address for the audit log, and falls back to whatever the name has.</summary>
    public IPAddress ResolveForAudit()
    {
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }

    public EndPoint HealthEndpoint => new DnsEndPoint(host, port + 1);

    /// <summary>A server that must be reached over one family asks for it and handles the other one too.</summary>
    public static IPAddress[] ByFamily(string name, bool ipv6)
        => Dns.GetHostAddresses(name, ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
}
