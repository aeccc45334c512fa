using System.Net;
using System.Net.Sockets;

namespace DualStackApp;

internal sealed class TelemetryReceiver(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var udp = CreateDualStackUdpClient(port);
        while (!cancellationToken.IsCancellationRequested)
        {
            var datagram = await udp.ReceiveAsync(cancellationToken);
            Console.WriteLine($"{datagram.Buffer.Length} bytes");
        }
    }

    /// <summary>A UdpClient bound to the port for IPv4 and IPv6 where the OS has IPv6, and for IPv4 where it has not.</summary>
    private static UdpClient CreateDualStackUdpClient(int port)
    {
        if (!Socket.OSSupportsIPv6)
        {
            return new UdpClient(port);
        }

        var client = new UdpClient(AddressFamily.InterNetworkV6);
        client.Client.DualMode = true;
        client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return client;
    }
}
