using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ipv4OnlyApp;

/// <summary>Announces this instance to its peers on the local network.</summary>
internal sealed class PeerDiscovery
{
    private const int DiscoveryPort = 47777;

    public IPAddress LastPeer { get; private set; } = IPAddress.None;

    public async Task AnnounceAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var udp = new UdpClient();
        udp.EnableBroadcast = true;
        var payload = Encoding.UTF8.GetBytes(instanceId);
        await udp.SendAsync(payload, new IPEndPoint(IPAddress.Broadcast, DiscoveryPort), cancellationToken);
    }
}
