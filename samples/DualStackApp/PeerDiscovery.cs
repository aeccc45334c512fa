using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DualStackApp;

/// <summary>Announces this instance to its peers: IPv4 broadcast and IPv6 all-nodes multicast, one socket per family.</summary>
internal sealed class PeerDiscovery
{
    private const int DiscoveryPort = 47777;
    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    public IPAddress? LastPeer { get; private set; }

    public async Task AnnounceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(instanceId);
        if (Socket.OSSupportsIPv4)
        {
            using var v4 = new UdpClient(AddressFamily.InterNetwork);
            v4.EnableBroadcast = true;
            await v4.SendAsync(payload, new IPEndPoint(IPAddress.Broadcast, DiscoveryPort), cancellationToken);
        }

        if (Socket.OSSupportsIPv6)
        {
            using var v6 = new UdpClient(AddressFamily.InterNetworkV6);
            await v6.SendAsync(payload, new IPEndPoint(AllNodes, DiscoveryPort), cancellationToken);
        }
    }
}
