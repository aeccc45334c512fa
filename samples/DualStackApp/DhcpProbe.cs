using System.Net;
using System.Net.Sockets;

namespace DualStackApp;

/// <summary>DHCPv4 is an IPv4-only protocol (it uses broadcast): an IPv4 socket is right here.</summary>
internal sealed class DhcpProbe
{
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Any, 68));
        udp.EnableBroadcast = true;
        await udp.SendAsync(new byte[240], new IPEndPoint(IPAddress.Broadcast, 67), cancellationToken);
    }
}
