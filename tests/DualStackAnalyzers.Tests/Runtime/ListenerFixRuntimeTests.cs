using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// Fix safety 8: each DS0001 fix kind is run. The original program serves 127.0.0.1 but not ::1 (so these tests can
    /// fail); the fixed one serves both; with IPv6 taken away by the shim, the default fix still starts and serves IPv4,
    /// and the second action ("IPv6Any + DualMode") does not start — which is why it is second.
    /// </summary>
    public class ListenerFixRuntimeTests
    {
        private readonly ITestOutputHelper output;

        public ListenerFixRuntimeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public enum Client
        {
            Tcp,
            Udp,
            Http,
        }

        public static TheoryData<string, string, Client> Kinds => new TheoryData<string, string, Client>
        {
            {
                "R1 TcpListener.Create",
                ListenerPrograms.TcpMain + "public static class Listeners { public static TcpListener Create(int port) { var listener = new TcpListener(IPAddress.Any, port); return listener; } }",
                Client.Tcp
            },
            {
                "R1 from the obsolete port-only constructor",
                ListenerPrograms.TcpMain + "public static class Listeners {\n#pragma warning disable CS0618\n public static TcpListener Create(int port) { var listener = new TcpListener(port); return listener; } }",
                Client.Tcp
            },
            {
                "R2 dual socket + family-guarded bind",
                ListenerPrograms.SocketMain + "public static class Listeners { public static Socket Create(int port) { var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); socket.Bind(new IPEndPoint(IPAddress.Any, port)); socket.Listen(10); return socket; } }",
                Client.Tcp
            },
            {
                "R4 dual-stack UdpClient helper",
                ListenerPrograms.UdpMain + "public static class Listeners { public static UdpClient Create(int port) => new UdpClient(new IPEndPoint(IPAddress.Any, port)); }",
                Client.Udp
            },
            {
                "R8 Kestrel ListenAnyIP",
                ListenerPrograms.KestrelMain + "public static class Listeners { public static void Configure(KestrelServerOptions options) { options.Listen(IPAddress.Any, 0, listen => listen.Protocols = HttpProtocols.Http1); } }",
                Client.Http
            },
        };

        public static TheoryData<string, string, Client> SecondActionKinds => new TheoryData<string, string, Client>
        {
            {
                "TcpListener IPv6Any + DualMode",
                ListenerPrograms.TcpMain + "public static class Listeners { public static TcpListener Create(int port) { var listener = new TcpListener(IPAddress.Any, port); return listener; } }",
                Client.Tcp
            },
            {
                "Socket InterNetworkV6 + DualMode",
                ListenerPrograms.SocketMain + "public static class Listeners { public static Socket Create(int port) { var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); socket.Bind(new IPEndPoint(IPAddress.Any, port)); socket.Listen(10); return socket; } }",
                Client.Tcp
            },
            {
                "Kestrel Listen(IPv6Any)",
                ListenerPrograms.KestrelMain + "public static class Listeners { public static void Configure(KestrelServerOptions options) { options.Listen(IPAddress.Any, 0); } }",
                Client.Http
            },
        };

        [SkippableTheory]
        [MemberData(nameof(Kinds))]
        public async Task DefaultFixServesBothFamiliesWhereTheOriginalServedOnlyIPv4(string kind, string source, Client client)
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            var web = client == Client.Http;

            using (var original = await LoopbackProgram.StartAsync(source, web, withoutIPv6: false))
            {
                Assert.True(original.Failure is null, original.Output);
                Assert.True(await ServedAsync(client, IPAddress.Loopback, original.Port), kind + ": original must serve 127.0.0.1");
                Assert.False(await ServedAsync(client, IPAddress.IPv6Loopback, original.Port), kind + ": original must refuse ::1 (else this test proves nothing)");
            }

            var fixedSource = await FixedCode.ApplyAsync(source, new ListenerBindsIPv4WildcardAnalyzer(), new ListenerBindsIPv4WildcardFixer(), "DS0001", ListenerBindsIPv4WildcardFixer.DualStackKey, web);
            Assert.NotEqual(source, fixedSource);
            output.WriteLine(kind + " fixed:\n" + fixedSource.Substring(fixedSource.IndexOf("public static class Listeners", StringComparison.Ordinal)));

            using var fixedProgram = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: false);
            Assert.True(fixedProgram.Failure is null, fixedProgram.Output);
            foreach (var address in LoopbackClients.Both)
            {
                Assert.True(await ServedAsync(client, address, fixedProgram.Port), $"{kind}: the fixed listener must serve {address}");
            }

            output.WriteLine($"{kind}: 127.0.0.1 served, ::1 served");
        }

        [SkippableTheory]
        [MemberData(nameof(Kinds))]
        public async Task DefaultFixStillStartsAndServesIPv4WithoutIPv6(string kind, string source, Client client)
        {
            Skip.If(NoIPv6Shim.Path is null, "skipped: " + NoIPv6Shim.WhyMissing);
            var web = client == Client.Http;
            var fixedSource = await FixedCode.ApplyAsync(source, new ListenerBindsIPv4WildcardAnalyzer(), new ListenerBindsIPv4WildcardFixer(), "DS0001", ListenerBindsIPv4WildcardFixer.DualStackKey, web);

            using var program = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: true);
            Assert.True(program.Failure is null, kind + " must start without IPv6: " + program.Output);
            Assert.True(await ServedAsync(client, IPAddress.Loopback, program.Port), kind + ": must serve 127.0.0.1 without IPv6");
            output.WriteLine($"{kind} without IPv6: started, 127.0.0.1 served");
        }

        [SkippableTheory]
        [MemberData(nameof(SecondActionKinds))]
        public async Task SecondActionServesBothFamiliesButHasNoFallback(string kind, string source, Client client)
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            var web = client == Client.Http;
            var fixedSource = await FixedCode.ApplyAsync(source, new ListenerBindsIPv4WildcardAnalyzer(), new ListenerBindsIPv4WildcardFixer(), "DS0001", ListenerBindsIPv4WildcardFixer.IPv6AnyDualModeKey, web);
            Assert.NotEqual(source, fixedSource);

            using (var program = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: false))
            {
                Assert.True(program.Failure is null, program.Output);
                foreach (var address in LoopbackClients.Both)
                {
                    Assert.True(await ServedAsync(client, address, program.Port), $"{kind}: must serve {address}");
                }
            }

            Skip.If(NoIPv6Shim.Path is null, "skipped (no-IPv6 half): " + NoIPv6Shim.WhyMissing);
            using var withoutIPv6 = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: true);
            Assert.True(withoutIPv6.Failure is not null, kind + ": expected no IPv4 fallback (that is why this action is second), but it started");
            output.WriteLine($"{kind}: both families served; without IPv6: {withoutIPv6.Failure}");
        }

        private static Task<bool> ServedAsync(Client client, IPAddress address, int port) => client switch
        {
            Client.Tcp => LoopbackClients.TcpEchoAsync(address, port),
            Client.Udp => LoopbackClients.UdpEchoAsync(address, port),
            _ => LoopbackClients.HttpAsync(address, port),
        };
    }
}
