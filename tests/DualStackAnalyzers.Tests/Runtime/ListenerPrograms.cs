namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// Programs whose <c>Listeners</c> class holds the code under test; Main serves an echo (or "pong" over HTTP) and
    /// prints "LISTENING port". Everything binds port 0, so runs never collide.
    /// </summary>
    public static class ListenerPrograms
    {
        public const string TcpMain = """
            using System;
            using System.Net;
            using System.Net.Sockets;

            public static class Program
            {
                public static int Main()
                {
                    TcpListener listener;
                    try
                    {
                        listener = Listeners.Create(0);
                        listener.Start();
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine("FAILED " + e.GetType().Name + ": " + e.Message);
                        return 3;
                    }

                    Console.WriteLine("LISTENING " + ((IPEndPoint)listener.LocalEndpoint).Port);
                    while (true)
                    {
                        using var client = listener.AcceptTcpClient();
                        var stream = client.GetStream();
                        var buffer = new byte[4];
                        var read = stream.Read(buffer, 0, 4);
                        stream.Write(buffer, 0, read);
                    }
                }
            }

            """;

        public const string SocketMain = """
            using System;
            using System.Net;
            using System.Net.Sockets;

            public static class Program
            {
                public static int Main()
                {
                    Socket socket;
                    try
                    {
                        socket = Listeners.Create(0);
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine("FAILED " + e.GetType().Name + ": " + e.Message);
                        return 3;
                    }

                    Console.WriteLine("LISTENING " + ((IPEndPoint)socket.LocalEndPoint).Port);
                    while (true)
                    {
                        using var connection = socket.Accept();
                        var buffer = new byte[4];
                        var read = connection.Receive(buffer);
                        connection.Send(buffer, read, SocketFlags.None);
                    }
                }
            }

            """;

        public const string UdpMain = """
            using System;
            using System.Net;
            using System.Net.Sockets;

            public static class Program
            {
                public static int Main()
                {
                    UdpClient udp;
                    try
                    {
                        udp = Listeners.Create(0);
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine("FAILED " + e.GetType().Name + ": " + e.Message);
                        return 3;
                    }

                    Console.WriteLine("LISTENING " + ((IPEndPoint)udp.Client.LocalEndPoint).Port);
                    while (true)
                    {
                        IPEndPoint remote = null;
                        var datagram = udp.Receive(ref remote);
                        udp.Send(datagram, datagram.Length, remote);
                    }
                }
            }

            """;

        public const string KestrelMain = """
            using System;
            using System.Linq;
            using System.Net;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Hosting.Server;
            using Microsoft.AspNetCore.Hosting.Server.Features;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Server.Kestrel.Core;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using Microsoft.Extensions.Logging;

            public static class Program
            {
                public static int Main()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.Logging.ClearProviders();
                    builder.WebHost.ConfigureKestrel(options => Listeners.Configure(options));
                    var app = builder.Build();
                    app.MapGet("/", () => "pong");
                    try
                    {
                        app.StartAsync().GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine("FAILED " + e.GetType().Name + ": " + e.Message);
                        return 3;
                    }

                    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
                    Console.WriteLine("LISTENING " + address.Substring(address.LastIndexOf(':') + 1));
                    app.WaitForShutdownAsync().GetAwaiter().GetResult();
                    return 0;
                }
            }

            """;
    }
}
