using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ipv4OnlyApp;

/// <summary>A tiny metrics endpoint on a raw socket.</summary>
internal sealed class MetricsSocketServer(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(ListenerSettings.BindAllText), port));
        socket.Listen(16);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var connection = await socket.AcceptAsync(cancellationToken);
            await connection.SendAsync(Encoding.ASCII.GetBytes("requests_total 42\n"), SocketFlags.None, cancellationToken);
        }
    }
}
