using System.Net;
using System.Net.Sockets;

namespace Ipv4OnlyApp;

/// <summary>Receives StatsD datagrams from the pods' agents.</summary>
internal sealed class TelemetryReceiver(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Any, port));
        while (!cancellationToken.IsCancellationRequested)
        {
            var datagram = await udp.ReceiveAsync(cancellationToken);
            Console.WriteLine($"{datagram.Buffer.Length} bytes");
        }
    }
}
