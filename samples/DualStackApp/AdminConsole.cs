using System.Net.Sockets;
using System.Text;

namespace DualStackApp;

internal sealed class AdminConsole(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // IPv6Any + DualMode where the OS has IPv6, 0.0.0.0 where it has not (IPv6Any + DualMode alone would not
        // start on a node without IPv6: DS0006).
        var listener = TcpListener.Create(port);
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
