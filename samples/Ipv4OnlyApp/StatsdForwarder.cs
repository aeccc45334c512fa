using System.Net.Sockets;
using System.Text;

namespace Ipv4OnlyApp;

/// <summary>Forwards the service's counters to the cluster's StatsD daemon.</summary>
internal sealed class StatsdForwarder(string statsdHost, int statsdPort) : IDisposable
{
    private readonly UdpClient udp = new UdpClient();

    public async Task SendAsync(string metric, CancellationToken cancellationToken)
        => await udp.SendAsync(Encoding.ASCII.GetBytes(metric), statsdHost, statsdPort, cancellationToken);

    public void Dispose() => udp.Dispose();
}
