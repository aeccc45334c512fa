using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DualStackApp;

internal sealed class MetricsSocketServer(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Dual (IPv6 + DualMode) where the OS has IPv6, IPv4 where it has not; bind the wildcard of that family.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
        socket.Listen(16);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var connection = await socket.AcceptAsync(cancellationToken);
            await connection.SendAsync(Encoding.ASCII.GetBytes("requests_total 42\n"), SocketFlags.None, cancellationToken);
        }
    }

    /// <summary>IPAddress.Any as a receive-from placeholder is not a bind.</summary>
    public static int ReceiveOne(Socket socket, byte[] buffer)
    {
        EndPoint remote = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        return socket.ReceiveFrom(buffer, ref remote);
    }

    public static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
