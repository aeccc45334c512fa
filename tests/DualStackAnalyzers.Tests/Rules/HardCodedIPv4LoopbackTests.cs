using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<HardCodedIPv4AddressAnalyzer>;

    /// <summary>DS0021: the IPv4 loopback as a client target (literals and IPAddress.Loopback); listeners are DS0004's.</summary>
    public class HardCodedIPv4LoopbackTests
    {
        /// <summary>What DS0040's fix leaves: a normalised peer compared with text is DS0040's business, not a hard-coded loopback.</summary>
        [Fact]
        public Task NormalisedPeerComparedWithTextIsSilent() => VerifyAsync("""
            class Peers
            {
                static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
                static bool IsLocal(Socket socket) => Normalize(((IPEndPoint)socket.RemoteEndPoint!).Address)?.ToString() == "127.0.0.1";
            }
            """);

        private static Task VerifyAsync(string body, ReferenceAssemblies? references = null)
            => HardCodedIPv4AddressTests.VerifyAsync(body, references);

        private static Task KestrelAsync(string body) => new Analyze
        {
            TestCode = Sources.KestrelUsings + body,
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        [Theory]
        [InlineData("""var host = {|DS0021:"127.0.0.1"|};""")]
        [InlineData("""var host = {|DS0021:"127.1.2.3"|};""")]
        [InlineData("""var http = new System.Net.Http.HttpClient { BaseAddress = new Uri({|DS0021:"http://127.0.0.1:5000/"|}) };""")]
        [InlineData("""var cs = {|DS0021:"Server=127.0.0.1;Database=app"|};""")]
        [InlineData("""var redis = {|DS0021:"127.0.0.1:6379"|};""")]
        [InlineData("""var client = new TcpClient({|DS0021:"127.0.0.1"|}, port);""")]
        [InlineData("""var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Connect(IPAddress.Parse({|DS0021:"127.0.0.1"|}), port);""")]
        [InlineData("""var ip = {|DS0021:new IPAddress(new byte[] { 127, 0, 0, 1 })|};""")]
        [InlineData("""var url = $"{|DS0021:http://127.0.0.1:|}{port}/";""")]
        public Task LoopbackTargetIsFlagged(string statement) => VerifyAsync($$"""
            class C
            {
                void M(int port)
                {
                    {{statement}}
                }
            }
            """);

        [Fact]
        public Task LoopbackFieldAsAClientTargetIsFlagged() => VerifyAsync("""
            class C
            {
                async Task M(Socket socket, TcpClient tcp, UdpClient udp, byte[] data, int port)
                {
                    socket.Connect({|DS0021:IPAddress.Loopback|}, port);
                    await tcp.ConnectAsync({|DS0021:IPAddress.Loopback|}, port);
                    socket.SendTo(data, new IPEndPoint({|DS0021:IPAddress.Loopback|}, port));
                    udp.Send(data, data.Length, new IPEndPoint({|DS0021:IPAddress.Loopback|}, port));
                    var target = new IPEndPoint(IPAddress.Loopback, port);
                    socket.Connect({|DS0021:target|});
                }
            }
            """);

        [Fact]
        public Task LoopbackThroughALocalIsReportedAtTheCallWithTheOrigin() => new Analyze
        {
            TestCode = Sources.Usings + """
                class C
                {
                    void M(Socket socket, int port)
                    {
                        var target = new IPEndPoint(IPAddress.Loopback, port);
                        socket.Connect(target);
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                new DiagnosticResult(HardCodedIPv4AddressAnalyzer.LoopbackRule).WithSpan(10, 24, 10, 30).WithSpan(9, 37, 9, 55).WithArguments("IPAddress.Loopback"),
            },
        }.RunAsync();

        [Fact]
        public Task MessageSaysWhatToDo() => VerifyAsync(
            "class C { string H = \"127.0.0.1\"; }",
            expected: new DiagnosticResult(HardCodedIPv4AddressAnalyzer.LoopbackRule).WithSpan(5, 22, 5, 33).WithArguments("'127.0.0.1'"));

        private static Task VerifyAsync(string body, DiagnosticResult expected)
            => HardCodedIPv4AddressTests.VerifyAsync(body, null, null, expected);

        // ---- Not DS0021 -------------------------------------------------------------------------------------

        [Fact]
        public Task ListenersBelongToDS0004() => VerifyAsync("""
            class C
            {
                const string Local = "127.0.0.1";
                static readonly IPAddress LocalAddress = IPAddress.Parse("127.0.0.1");

                void M(int port)
                {
                    var l1 = new TcpListener(IPAddress.Parse("127.0.0.1"), port);
                    var ip = IPAddress.Parse("127.0.0.2");
                    var l2 = new TcpListener(ip, port);
                    var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    s.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.3"), port));
                    var u = new UdpClient(new IPEndPoint(IPAddress.Parse(Local), port));
                    var l3 = new TcpListener(LocalAddress, port);
                    var listener = new HttpListener();
                    listener.Prefixes.Add("http://127.0.0.1:8080/");
                    Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://127.0.0.1:5000");
                    socket.Connect({|DS0021:IPAddress.Loopback|}, port);
                }

                Socket socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            }
            """);

        [Fact]
        public Task KestrelUrlsBelongToDS0004() => KestrelAsync("""
            using System.Collections.Generic;
            class Program
            {
                const string Url = "http://127.0.0.1:5001";

                static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.WebHost.UseUrls("http://127.0.0.1:5000");
                    builder.WebHost.UseUrls(Url);
                    builder.WebHost.UseSetting("urls", "http://127.0.0.1:5002");
                    builder.Configuration["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:5003";
                    var settings = new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:5004" };
                    var settings2 = new Dictionary<string, string?> { { "Kestrel:Endpoints:Https:Url", "https://127.0.0.1:5005" } };
                    var app = builder.Build();
                    app.Urls.Add("http://127.0.0.1:5006");
                    var port = 5007;
                    app.Urls.Add($"http://127.0.0.1:{port}");
                    app.Urls.Add("http://127.0.0.1:" + port);
                    app.Run("http://127.0.0.1:5008");
                }
            }
            """);

        [Fact]
        public Task LoopbackPairsAndGuardsAreSilent() => VerifyAsync("""
            class C
            {
                static readonly string[] Locals = { "127.0.0.1", "::1" };
                string Local() => Socket.OSSupportsIPv6 ? "::1" : "127.0.0.1";
                void Connect(Socket socket, int port)
                {
                    socket.Connect(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, port);
                    try
                    {
                        socket.Connect(IPAddress.IPv6Loopback, port);
                    }
                    catch (SocketException)
                    {
                        socket.Connect(IPAddress.Loopback, port);
                    }
                }
            }
            """);

        [Fact]
        public Task LoopbackIsNotDS0020() => VerifyAsync("""
            class C { string H = {|DS0021:"127.0.0.1"|}; string N = "127.0.0.0"; }
            """);

        /// <summary>Fix safety 6: DS0040's fix (normalise the peer, then compare) leaves the literal to DS0040, not DS0021.</summary>
        [Fact]
        public Task LiteralComparedWithANormalisedPeerIsNotFlagged() => KestrelAsync("""
            class C
            {
                static bool Helper(Microsoft.AspNetCore.Http.HttpContext context)
                    => NormalizeMapped(context.Connection.RemoteIpAddress)?.ToString() == "127.0.0.1";

                static bool Inline(Microsoft.AspNetCore.Http.HttpContext context)
                {
                    var ip = context.Connection.RemoteIpAddress;
                    return ip is not null && (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() == "127.0.0.1";
                }

                static bool NotAPeer(IPAddress configured) => (configured.IsIPv4MappedToIPv6 ? configured.MapToIPv4() : configured).ToString() == {|DS0021:"127.0.0.1"|};

                static IPAddress? NormalizeMapped(IPAddress? address)
                    => address is not null && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            }
            """);
    }
}
