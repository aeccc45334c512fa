using System.Net;
using System.Net.Sockets;

namespace Ipv4OnlyApp;

/// <summary>The old webhook receiver (HttpListener), and the debug console that only the node itself may reach.</summary>
internal sealed class LegacyWebhookListener
{
    public HttpListener StartWebhooks(int port)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://+:{port}/hooks/");
        listener.Start();
        return listener;
    }

    public TcpListener StartDebugConsole()
    {
        var console = new TcpListener(IPAddress.Loopback, 7777);
        console.Start();
        return console;
    }
}
