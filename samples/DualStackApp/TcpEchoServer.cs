using System.Net;
using System.Net.Sockets;

namespace DualStackApp;

internal sealed class TcpEchoServer(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // IPv6Any + DualMode where the OS has IPv6, 0.0.0.0 where it has not.
        var listener = TcpListener.Create(port);
        listener.Start();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                var buffer = new byte[1024];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>A deliberate pair: one IPv4 and one IPv6 listener on the same port serve both families.</summary>
    public (TcpListener V4, TcpListener V6) CreateAdminListeners(int adminPort)
        => (new TcpListener(IPAddress.Any, adminPort), new TcpListener(IPAddress.IPv6Any, adminPort));

    /// <summary>An explicit fallback chosen by the code, not an IPv4-only listener.</summary>
    public static TcpListener CreateWithExplicitFallback(int p)
        => Socket.OSSupportsIPv6 ? TcpListener.Create(p) : new TcpListener(IPAddress.Any, p);
}
