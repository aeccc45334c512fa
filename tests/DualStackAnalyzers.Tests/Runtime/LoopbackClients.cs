using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>Clients that reach a program on loopback only (127.0.0.1 and ::1), each attempt bounded in time.</summary>
    public static class LoopbackClients
    {
        public static readonly IPAddress[] Both = { IPAddress.Loopback, IPAddress.IPv6Loopback };

        /// <summary>Sends "ping" over TCP and expects it echoed: true when served.</summary>
        public static async Task<bool> TcpEchoAsync(IPAddress address, int port)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                using var client = new TcpClient(address.AddressFamily);
                await client.ConnectAsync(address, port, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes("ping"), timeout.Token);
                var buffer = new byte[4];
                var read = await stream.ReadAsync(buffer, timeout.Token);
                return read == 4 && Encoding.ASCII.GetString(buffer) == "ping";
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or System.IO.IOException)
            {
                return false;
            }
        }

        /// <summary>Sends a datagram and expects it echoed: true when served.</summary>
        public static async Task<bool> UdpEchoAsync(IPAddress address, int port)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                using var client = new UdpClient(address.AddressFamily);
                await client.SendAsync(Encoding.ASCII.GetBytes("ping"), new IPEndPoint(address, port), timeout.Token);
                var reply = await client.ReceiveAsync(timeout.Token);
                return Encoding.ASCII.GetString(reply.Buffer) == "ping";
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return false;
            }
        }

        /// <summary>GET / over HTTP and expects "pong": true when served.</summary>
        public static async Task<bool> HttpAsync(IPAddress address, int port)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
            try
            {
                return await http.GetStringAsync($"http://{host}:{port}/") == "pong";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
