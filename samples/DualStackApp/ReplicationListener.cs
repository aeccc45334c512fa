using System.Net;
using System.Net.Sockets;

namespace DualStackApp;

/// <summary>Accepts replication streams from the other replicas, on both families, and on IPv4 where the OS has no IPv6.</summary>
internal sealed class ReplicationListener(int port)
{
    public TcpListener Start()
    {
        var listener = TcpListener.Create(port);
        listener.Start();
        return listener;
    }

    /// <summary>The debug console: a deliberate pair, one listener per loopback.</summary>
    public (TcpListener V4, TcpListener? V6) StartDebugConsole()
    {
        var v4 = new TcpListener(IPAddress.Loopback, 7777);
        v4.Start();
        try
        {
            var v6 = new TcpListener(IPAddress.IPv6Loopback, 7777);
            v6.Start();
            return (v4, v6);
        }
        catch (SocketException)
        {
            return (v4, null); // ::1 cannot be bound where IPv6 is disabled
        }
    }
}
