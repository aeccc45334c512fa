using System.Net.Sockets;
using System.Text;

namespace DualStackApp;

internal sealed class StatsdForwarder(string statsdHost, int statsdPort) : IDisposable
{
    // IPv6 with dual mode where the OS has IPv6 (reaches IPv4 and IPv6 daemons), IPv4 where it has not.
    private readonly UdpClient udp = Socket.OSSupportsIPv6
        ? new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } }
        : new UdpClient();

    public async Task SendAsync(string metric, CancellationToken cancellationToken)
        => await udp.SendAsync(Encoding.ASCII.GetBytes(metric), statsdHost, statsdPort, cancellationToken);

    public void Dispose() => udp.Dispose();
}
