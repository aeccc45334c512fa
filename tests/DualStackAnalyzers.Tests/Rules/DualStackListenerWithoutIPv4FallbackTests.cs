using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<DualStackListenerWithoutIPv4FallbackAnalyzer>;
    using Fix = CodeFixTest<DualStackListenerWithoutIPv4FallbackAnalyzer, DualStackListenerWithoutIPv4FallbackFixer>;

    public class DualStackListenerWithoutIPv4FallbackTests
    {
        private static DiagnosticResult Expected(int markup, string display, string suffix)
            => new DiagnosticResult(DualStackListenerWithoutIPv4FallbackAnalyzer.Rule).WithLocation(markup).WithArguments(display, suffix);

        private static string InMethod(string statements) => Sources.Usings + $$"""
            class Server
            {
                void Run(Socket socket, int port)
                {
                    {{statements}}
                }
            }
            """;

        // ---- Flagged forms -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new TcpListener({|#0:IPAddress.IPv6Any|}, port); l.Server.DualMode = true; l.Start();", "use TcpListener.Create(port)")]
        [InlineData("var l = new TcpListener({|#0:IPAddress.IPv6Any|}, port); l.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, false); l.Start();", "use TcpListener.Create(port)")]
        [InlineData("var l = new TcpListener(new IPEndPoint({|#0:IPAddress.IPv6Any|}, port)); l.Server.DualMode = true; l.Start();", "use TcpListener.Create(port)")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); s.DualMode = true; s.Bind(new IPEndPoint({|#0:IPAddress.IPv6Any|}, port)); s.Listen(10);", "use Socket(SocketType, ProtocolType) and bind the wildcard of its family")]
        [InlineData("var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint({|#0:IPAddress.IPv6Any|}, port)); s.Listen(10);", "bind the wildcard of the socket's own family")]
        [InlineData("var u = new UdpClient(AddressFamily.InterNetworkV6); u.Client.DualMode = true; u.Client.Bind(new IPEndPoint({|#0:IPAddress.IPv6Any|}, port));", "create the UdpClient for the families the OS has (IPv4 where it has no IPv6)")]
        public async Task ExplicitIPv6DualListenerIsFlagged(string statements, string hint)
        {
            var test = new Analyze { TestCode = InMethod(statements) };
            test.ExpectedDiagnostics.Add(Expected(0, "IPAddress.IPv6Any", "; " + hint));
            await test.RunAsync();
        }

        [Fact]
        public async Task KestrelListenOnIPv6AnyIsFlagged()
        {
            var test = new Analyze
            {
                TestCode = Sources.KestrelUsings + """
                    class Startup
                    {
                        void Configure(KestrelServerOptions options)
                        {
                            options.Listen({|#0:IPAddress.IPv6Any|}, 5000);
                            options.Listen(new IPEndPoint({|#1:IPAddress.Parse("::")|}, 5001), o => o.UseConnectionLogging());
                        }
                    }
                    """,
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            test.ExpectedDiagnostics.Add(Expected(0, "IPAddress.IPv6Any", "; use ListenAnyIP(port)"));
            test.ExpectedDiagnostics.Add(Expected(1, "IPAddress.Parse(\"::\")", "; use ListenAnyIP(port)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task UrlHostIPv6AnyIsFlagged()
        {
            var test = new Analyze
            {
                TestCode = UrlBindsIPv4WildcardTests.WebUsings + """
                    class Program
                    {
                        static void Main(IWebHostBuilder host, WebApplication app)
                        {
                            host.UseUrls("http://{|#0:[::]|}:5000");
                            app.Urls.Add("https://{|#1:[0:0:0:0:0:0:0:0]|}:5001");
                        }
                    }
                    """,
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(DualStackListenerWithoutIPv4FallbackAnalyzer.UrlRule).WithLocation(0).WithArguments("'http://[::]:5000' given to UseUrls"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(DualStackListenerWithoutIPv4FallbackAnalyzer.UrlRule).WithLocation(1).WithArguments("'https://[0:0:0:0:0:0:0:0]:5001' given to WebApplication.Urls"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData(
            "var l = new TcpListener({|#0:IPAddress.IPv6Any|}, port) { Server = { DualMode = true } }; l.Start();",
            "'l' is configured in an object initializer")]
        [InlineData(
            "var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp); s.DualMode = true; s.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.HopLimit, 4); s.Bind(new IPEndPoint({|#0:IPAddress.IPv6Any|}, port));",
            "'s' also uses SocketOptionLevel.IPv6 options, which an IPv4 fallback socket rejects")]
        [InlineData(
            "var u = new UdpClient(AddressFamily.InterNetworkV6); u.Client.DualMode = true; u.Client.ReceiveBufferSize = 1 << 20; u.Client.Bind(new IPEndPoint({|#0:IPAddress.IPv6Any|}, port));",
            "the UdpClient is configured between its creation and its Bind")]
        [InlineData(
            "var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); Configure(s); s.DualMode = true; s.Bind(new IPEndPoint({|#0:IPAddress.IPv6Any|}, port)); static void Configure(Socket x) { } bool ok = s.DualMode = true;",
            "DualMode is set where a fix cannot remove it (an IPv4 fallback socket rejects it)")]
        public async Task ShapesAFixCannotRewriteAreReportOnlyAndSayWhy(string statements, string reason)
        {
            var test = new Analyze { TestCode = InMethod(statements) };
            test.ExpectedDiagnostics.Add(Expected(0, "IPAddress.IPv6Any", "; no automatic fix: " + reason));
            await test.RunAsync();
        }

        [Fact]
        public async Task RestartedListenerIsReportOnly()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        private readonly TcpListener listener;

                        Server(int port)
                        {
                            listener = new TcpListener({|#0:IPAddress.IPv6Any|}, port);
                            listener.Server.DualMode = true;
                        }

                        public void Start() => listener.Start();
                        public void Stop() => listener.Stop();
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Expected(0, "IPAddress.IPv6Any", "; no automatic fix: the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()"));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.DualMode = false; l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Start(); l.Server.DualMode = true;")]
        [InlineData("var l = TcpListener.Create(port); l.Start();")]
        [InlineData("var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(s.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));")]
        [InlineData("var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.DualMode = false; s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); s.DualMode = true; s.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); s.DualMode = true; s.Connect(IPAddress.Loopback, port);")]
        [InlineData("if (Socket.OSSupportsIPv6) { var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.DualMode = true; l.Start(); } else { new TcpListener(IPAddress.Any, port).Start(); }")]
        [InlineData("try { var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.DualMode = true; l.Start(); } catch (SocketException) { new TcpListener(IPAddress.Any, port).Start(); }")]
        [InlineData("var raw = new Socket(AddressFamily.InterNetworkV6, SocketType.Raw, ProtocolType.IcmpV6); raw.DualMode = true; raw.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));")]
        [InlineData("var u = new UdpClient(port, AddressFamily.InterNetworkV6);")]
        public Task DualStackWithFallbackOrOtherRulesCodeIsSilent(string statements) => new Analyze { TestCode = InMethod(statements) }.RunAsync();

        [Fact]
        public Task CodeTheDefaultFixesEmitIsSilent() => new Analyze
        {
            TestCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient Open(int port) => CreateDualStackUdpClient(port);

                    /// <summary>A UdpClient bound to the port for IPv4 and IPv6 where the OS has IPv6, and for IPv4 where it has not.</summary>
                    private static UdpClient CreateDualStackUdpClient(int port)
                    {
                        if (!Socket.OSSupportsIPv6)
                        {
                            return new UdpClient(port);
                        }

                        var client = new UdpClient(AddressFamily.InterNetworkV6);
                        client.Client.DualMode = true;
                        client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                        return client;
                    }

                    TcpListener Legacy(int port) => Socket.OSSupportsIPv6 ? TcpListener.Create(port) : new TcpListener(IPAddress.Any, port);
                }
                """,
        }.RunAsync();

        [Fact]
        public Task KestrelFallbacksAndTheDS0001PairAreSilent() => new Analyze
        {
            TestCode = Sources.KestrelUsings + """
                class Startup
                {
                    void Configure(KestrelServerOptions options, int port, IWebHostBuilder host)
                    {
                        options.ListenAnyIP(5000);
                        options.ListenLocalhost(5001);
                        options.Listen(IPAddress.IPv6Loopback, 5002);
                        options.Listen(IPAddress.Any, port);
                        options.Listen(IPAddress.IPv6Any, port);
                        host.UseUrls("http://*:5003", "http://+:5004", "http://[::1]:5005");
                    }
                }
                """,
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        [Theory]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, ); l.Server.DualMode = true;")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); s.DualMode = ; s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("var u = new UdpClient(AddressFamily.InterNetworkV6); u.Client.DualMode = true; u.Client.Bind(new IPEndPoint(IPAddress.IPv6Any));")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port)")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze { TestCode = InMethod(statements), CompilerDiagnostics = CompilerDiagnostics.None };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }

        // ---- Fixes --------------------------------------------------------------------------------------------

        [Fact]
        public Task FixAllGivesEveryListenerItsFallback() => new Fix
        {
            TestCode = Sources.Usings + """
                class Servers
                {
                    TcpListener Tcp(int port)
                    {
                        // the admin endpoint
                        var listener = new TcpListener({|#0:IPAddress.IPv6Any|}, port);
                        listener.Server.DualMode = true;
                        listener.Start();
                        return listener;
                    }

                    Socket Raw(int port)
                    {
                        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                        socket.DualMode = true;
                        socket.Bind(new IPEndPoint({|#1:IPAddress.IPv6Any|}, port));
                        socket.Listen(10);
                        return socket;
                    }

                    Socket Default(int port)
                    {
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                        var endpoint = new IPEndPoint({|#4:IPAddress.IPv6Any|}, port);
                        socket.Bind({|#2:endpoint|});
                        return socket;
                    }

                    UdpClient Udp(int port)
                    {
                        var udp = new UdpClient(AddressFamily.InterNetworkV6);
                        udp.Client.DualMode = true;
                        udp.Client.Bind(new IPEndPoint({|#3:IPAddress.IPv6Any|}, port));
                        return udp;
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Expected(0, "IPAddress.IPv6Any", "; use TcpListener.Create(port)"),
                Expected(1, "IPAddress.IPv6Any", "; use Socket(SocketType, ProtocolType) and bind the wildcard of its family"),
                Expected(2, "'endpoint' (IPAddress.IPv6Any)", "; bind the wildcard of the socket's own family").WithLocation(4),
                Expected(3, "IPAddress.IPv6Any", "; create the UdpClient for the families the OS has (IPv4 where it has no IPv6)"),
            },
            FixedCode = Sources.Usings + """
                class Servers
                {
                    TcpListener Tcp(int port)
                    {
                        // the admin endpoint
                        var listener = TcpListener.Create(port);
                        listener.Start();
                        return listener;
                    }

                    Socket Raw(int port)
                    {
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                        socket.Listen(10);
                        return socket;
                    }

                    Socket Default(int port)
                    {
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                        var endpoint = new IPEndPoint(IPAddress.IPv6Any, port);
                        socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                        return socket;
                    }

                    UdpClient Udp(int port)
                    {
                        var udp = CreateDualStackUdpClient(port);
                        return udp;
                    }

                    /// <summary>A UdpClient bound to the port for IPv4 and IPv6 where the OS has IPv6, and for IPv4 where it has not.</summary>
                    private static UdpClient CreateDualStackUdpClient(int port)
                    {
                        if (!Socket.OSSupportsIPv6)
                        {
                            return new UdpClient(port);
                        }

                        var client = new UdpClient(AddressFamily.InterNetworkV6);
                        client.Client.DualMode = true;
                        client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                        return client;
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task NetFrameworkGetsTheExplicitGuard() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty) + """
                class Server
                {
                    TcpListener Listener(int port)
                    {
                        var listener = new TcpListener({|#0:IPAddress.IPv6Any|}, port);
                        listener.Server.DualMode = true;
                        return listener;
                    }

                    Socket Bound(int port)
                    {
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint({|#1:IPAddress.IPv6Any|}, port));
                        return socket;
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Expected(0, "IPAddress.IPv6Any", "; use TcpListener.Create(port)"),
                Expected(1, "IPAddress.IPv6Any", "; bind the wildcard of the socket's own family"),
            },
            FixedCode = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty) + """
                class Server
                {
                    TcpListener Listener(int port)
                    {
                        var listener = Socket.OSSupportsIPv6 ? TcpListener.Create(port) : new TcpListener(IPAddress.Any, port);
                        return listener;
                    }

                    Socket Bound(int port)
                    {
                        var socket = Socket.OSSupportsIPv6 ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                        return socket;
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task KestrelAndUrlsGetTheirFallback() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = UrlBindsIPv4WildcardTests.WebUsings + """
                using Microsoft.AspNetCore.Server.Kestrel.Core;

                class Program
                {
                    static void Main(WebApplicationBuilder builder, KestrelServerOptions options)
                    {
                        builder.WebHost.UseUrls("http://{|#0:[::]|}:5000;https://{|#1:[::]|}:5001");
                        options.Listen({|#2:IPAddress.IPv6Any|}, 6000, listen => listen.UseConnectionLogging());
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                new DiagnosticResult(DualStackListenerWithoutIPv4FallbackAnalyzer.UrlRule).WithLocation(0).WithArguments("'http://[::]:5000' given to UseUrls"),
                new DiagnosticResult(DualStackListenerWithoutIPv4FallbackAnalyzer.UrlRule).WithLocation(1).WithArguments("'https://[::]:5001' given to UseUrls"),
                Expected(2, "IPAddress.IPv6Any", "; use ListenAnyIP(port)"),
            },
            FixedCode = UrlBindsIPv4WildcardTests.WebUsings + """
                using Microsoft.AspNetCore.Server.Kestrel.Core;

                class Program
                {
                    static void Main(WebApplicationBuilder builder, KestrelServerOptions options)
                    {
                        builder.WebHost.UseUrls("http://*:5000;https://*:5001");
                        options.ListenAnyIP(6000, listen => listen.UseConnectionLogging());
                    }
                }
                """,
        }.RunAsync();

        /// <summary>A URL constant in generated code reaching a listener in user code: no diagnostic inside generated code.</summary>
        [Fact]
        public Task ConstantInGeneratedCodeUsedByUserCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources =
                {
                    ("Defaults.g.cs", "// <auto-generated/>\nstatic class GeneratedDefaults { public const string Url = \"http://[::]:5000\"; }"),
                    ("Attributed.cs", "[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1.0\")]\nstatic class AttributedDefaults { public const string Url = \"http://[::]:5001\"; }"),
                    ("Program.cs", UrlBindsIPv4WildcardTests.WebUsings + "class P { void M(IWebHostBuilder h) { h.UseUrls(GeneratedDefaults.Url); h.UseUrls(AttributedDefaults.Url); } }"),
                },
            },
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();
    }
}
