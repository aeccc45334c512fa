using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DualStackApp;

internal sealed class AdminConsole(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.IPv6Any, port);
        listener.Server.DualMode = true; // before Start(): IPv4 clients are accepted too
        listener.Start();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("orders> "), cancellationToken);
            }
        }
        finally
        {
            listener.Stop();
        }
    }
}
