using System.Net;
using System.Net.Sockets;

namespace Ipv4OnlyApp;

/// <summary>Accepts replication streams from the other replicas (already dual-stack, but with no IPv4 fallback).</summary>
internal sealed class ReplicationListener(int port)
{
    public TcpListener Start()
    {
        var listener = new TcpListener(IPAddress.IPv6Any, port);
        listener.Server.DualMode = true;
        listener.Start();
        return listener;
    }
}
