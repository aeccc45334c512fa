using System.Net;
using System.Net.Sockets;

namespace Ipv4OnlyApp;

/// <summary>A line-echo service used by the load balancer's TCP health check.</summary>
internal sealed class TcpEchoServer(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Any, port);
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

    /// <summary>The admin port binds the address from the settings (the value travels through a field).</summary>
    public TcpListener CreateAdminListener(int adminPort) => new TcpListener(ListenerSettings.BindAddress, adminPort);
}
