using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ipv4OnlyApp;

/// <summary>The operators' console. Moved to IPv6 "for the new cluster": it now refuses every IPv4 client.</summary>
internal sealed class AdminConsole(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.IPv6Any, port);
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
