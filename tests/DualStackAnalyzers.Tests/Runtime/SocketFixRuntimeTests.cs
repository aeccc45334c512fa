using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// Fix safety 8 for DS0003, DS0010 and DS0011: every fix kind is run. Listeners: the original serves one family
    /// only (so the test can fail), the fixed one serves 127.0.0.1 and ::1, and without IPv6 the default fix still
    /// starts and serves IPv4. Clients: the original reaches one family only, the fixed one both, and without IPv6 the
    /// fixed one still reaches the IPv4 server.
    /// </summary>
    public class SocketFixRuntimeTests
    {
        private const string ClientsHeader = "public static class Clients { public static string Echo(string host, int port) { ";

        private readonly ITestOutputHelper output;

        public SocketFixRuntimeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public enum Protocol
        {
            Tcp,
            Udp,
        }

        // ---- DS0003: IPv6-only listeners ----------------------------------------------------------------------

        public static TheoryData<string, string, Protocol> IPv6OnlyListeners => new TheoryData<string, string, Protocol>
        {
            {
                "DS0003 TcpListener → TcpListener.Create",
                ListenerPrograms.TcpMain + "public static class Listeners { public static TcpListener Create(int port) { var listener = new TcpListener(IPAddress.IPv6Any, port); return listener; } }",
                Protocol.Tcp
            },
            {
                "DS0003 Socket → R2",
                ListenerPrograms.SocketMain + "public static class Listeners { public static Socket Create(int port) { var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port)); socket.Listen(10); return socket; } }",
                Protocol.Tcp
            },
            {
                "DS0003 UdpClient(port, InterNetworkV6) → R4",
                ListenerPrograms.UdpMain + "public static class Listeners { public static UdpClient Create(int port) => new UdpClient(port, AddressFamily.InterNetworkV6); }",
                Protocol.Udp
            },
            {
                "DS0003 UdpClient(IPEndPoint(IPv6Any)) → R4",
                ListenerPrograms.UdpMain + "public static class Listeners { public static UdpClient Create(int port) => new UdpClient(new IPEndPoint(IPAddress.IPv6Any, port)); }",
                Protocol.Udp
            },
        };

        public static TheoryData<string, string, Protocol> IPv6OnlyListenersWithSecondAction => new TheoryData<string, string, Protocol>
        {
            {
                "DS0003 TcpListener → Server.DualMode = true",
                ListenerPrograms.TcpMain + "public static class Listeners { public static TcpListener Create(int port) { var listener = new TcpListener(IPAddress.IPv6Any, port); return listener; } }",
                Protocol.Tcp
            },
            {
                "DS0003 Socket → DualMode = true",
                ListenerPrograms.SocketMain + "public static class Listeners { public static Socket Create(int port) { var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port)); socket.Listen(10); return socket; } }",
                Protocol.Tcp
            },
        };

        [SkippableTheory]
        [MemberData(nameof(IPv6OnlyListeners))]
        public async Task DS0003DefaultFixServesBothFamiliesWhereTheOriginalServedOnlyIPv6(string kind, string source, Protocol protocol)
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            using (var original = await LoopbackProgram.StartAsync(source, web: false, withoutIPv6: false))
            {
                Assert.True(original.Failure is null, original.Output);
                Assert.True(await ServedAsync(protocol, IPAddress.IPv6Loopback, original.Port), kind + ": original must serve ::1");
                Assert.False(await ServedAsync(protocol, IPAddress.Loopback, original.Port), kind + ": original must refuse 127.0.0.1 (else this test proves nothing)");
            }

            var fixedSource = await FixAsync(source, new IPv6OnlyListenerAnalyzer(), new IPv6OnlyListenerFixer(), RuleIds.IPv6ListenerIsIPv6Only, IPv6OnlyListenerFixer.DualStackKey);
            await AssertServesBothAsync(kind, fixedSource, protocol);
        }

        [SkippableTheory]
        [MemberData(nameof(IPv6OnlyListeners))]
        public async Task DS0003DefaultFixStillStartsAndServesIPv4WithoutIPv6(string kind, string source, Protocol protocol)
        {
            Skip.If(NoIPv6Shim.Path is null, "skipped: " + NoIPv6Shim.WhyMissing);
            var fixedSource = await FixAsync(source, new IPv6OnlyListenerAnalyzer(), new IPv6OnlyListenerFixer(), RuleIds.IPv6ListenerIsIPv6Only, IPv6OnlyListenerFixer.DualStackKey);
            await AssertStartsWithoutIPv6Async(kind, fixedSource, protocol);
        }

        [SkippableTheory]
        [MemberData(nameof(IPv6OnlyListenersWithSecondAction))]
        public async Task DS0003SecondActionServesBothFamiliesButHasNoFallback(string kind, string source, Protocol protocol)
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            var fixedSource = await FixAsync(source, new IPv6OnlyListenerAnalyzer(), new IPv6OnlyListenerFixer(), RuleIds.IPv6ListenerIsIPv6Only, IPv6OnlyListenerFixer.DualModeKey);
            await AssertServesBothAsync(kind, fixedSource, protocol);

            Skip.If(NoIPv6Shim.Path is null, "skipped (no-IPv6 half): " + NoIPv6Shim.WhyMissing);
            using var withoutIPv6 = await LoopbackProgram.StartAsync(fixedSource, web: false, withoutIPv6: true);
            Assert.True(withoutIPv6.Failure is not null, kind + ": expected no IPv4 fallback (that is why this action is second), but it started");
            output.WriteLine($"{kind} without IPv6: {withoutIPv6.Failure}");
        }

        // ---- DS0010: a bound UdpClient (a UDP service) --------------------------------------------------------

        [SkippableFact]
        public async Task DS0010BoundUdpClientServesBothFamiliesAndStartsWithoutIPv6()
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            const string kind = "DS0010 UdpClient(port) → R4";
            var source = ListenerPrograms.UdpMain + "public static class Listeners { public static UdpClient Create(int port) => new UdpClient(port); }";
            using (var original = await LoopbackProgram.StartAsync(source, web: false, withoutIPv6: false))
            {
                Assert.True(original.Failure is null, original.Output);
                Assert.True(await ServedAsync(Protocol.Udp, IPAddress.Loopback, original.Port), kind + ": original must serve 127.0.0.1");
                Assert.False(await ServedAsync(Protocol.Udp, IPAddress.IPv6Loopback, original.Port), kind + ": original must not serve ::1");
            }

            var fixedSource = await FixAsync(source, new IPv4OnlySocketAnalyzer(), new IPv4OnlySocketFixer(), RuleIds.SocketCreatedIPv4Only, IPv4OnlySocketFixer.DualStackKey);
            await AssertServesBothAsync(kind, fixedSource, Protocol.Udp);

            Skip.If(NoIPv6Shim.Path is null, "skipped (no-IPv6 half): " + NoIPv6Shim.WhyMissing);
            await AssertStartsWithoutIPv6Async(kind, fixedSource, Protocol.Udp);
        }

        // ---- DS0010: clients ----------------------------------------------------------------------------------

        public static TheoryData<string, string, Protocol> IPv4OnlyClients => new TheoryData<string, string, Protocol>
        {
            {
                "DS0010 Socket(InterNetwork) → Socket(SocketType, ProtocolType)",
                ClientsHeader + "using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); socket.ReceiveTimeout = 3000; socket.Connect(host, port); socket.Send(Encoding.ASCII.GetBytes(\"ping\")); var buffer = new byte[4]; var read = socket.Receive(buffer); return Encoding.ASCII.GetString(buffer, 0, read); } }",
                Protocol.Tcp
            },
            {
                "DS0010 TcpClient(InterNetwork) → TcpClient()",
                ClientsHeader + "using var client = new TcpClient(AddressFamily.InterNetwork); client.ReceiveTimeout = 3000; client.Connect(host, port); var stream = client.GetStream(); stream.Write(Encoding.ASCII.GetBytes(\"ping\")); var buffer = new byte[4]; var read = stream.Read(buffer, 0, 4); return Encoding.ASCII.GetString(buffer, 0, read); } }",
                Protocol.Tcp
            },
            {
                "DS0010 UdpClient() → guarded IPv6 + DualMode client",
                ClientsHeader + "using var udp = new UdpClient(); udp.Client.ReceiveTimeout = 3000; udp.Send(Encoding.ASCII.GetBytes(\"ping\"), 4, host, port); IPEndPoint remote = null; return Encoding.ASCII.GetString(udp.Receive(ref remote)); } }",
                Protocol.Udp
            },
            {
                "DS0010 UdpClient(0) → R4 helper",
                ClientsHeader + "using var udp = new UdpClient(0); udp.Client.ReceiveTimeout = 3000; udp.Send(Encoding.ASCII.GetBytes(\"ping\"), 4, host, port); IPEndPoint remote = null; return Encoding.ASCII.GetString(udp.Receive(ref remote)); } }",
                Protocol.Udp
            },
        };

        [SkippableTheory]
        [MemberData(nameof(IPv4OnlyClients))]
        public async Task DS0010ClientFixReachesBothFamiliesAndStillIPv4WithoutIPv6(string kind, string clients, Protocol protocol)
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            var source = ClientProgram.Main + clients;
            var original = await ClientProgram.RunAsync(source, protocol == Protocol.Udp, byName: false, withoutIPv6: false);
            output.WriteLine(kind + " original: " + original);
            Assert.StartsWith("RESULT v4=ok v6=", original);
            Assert.DoesNotContain("v6=ok", original);

            var fixedSource = await FixAsync(source, new IPv4OnlySocketAnalyzer(), new IPv4OnlySocketFixer(), RuleIds.SocketCreatedIPv4Only, IPv4OnlySocketFixer.DualStackKey);
            Assert.NotEqual(source, fixedSource);
            output.WriteLine(kind + " fixed:\n" + fixedSource.Substring(fixedSource.IndexOf("public static class Clients", StringComparison.Ordinal)));
            var fixedResult = await ClientProgram.RunAsync(fixedSource, protocol == Protocol.Udp, byName: false, withoutIPv6: false);
            output.WriteLine(kind + " fixed: " + fixedResult);
            Assert.Equal("RESULT v4=ok v6=ok", fixedResult);

            Skip.If(NoIPv6Shim.Path is null, "skipped (no-IPv6 half): " + NoIPv6Shim.WhyMissing);
            var withoutIPv6 = await ClientProgram.RunAsync(fixedSource, protocol == Protocol.Udp, byName: false, withoutIPv6: true);
            output.WriteLine(kind + " fixed, without IPv6: " + withoutIPv6);
            Assert.Equal("RESULT v4=ok v6=noserver", withoutIPv6);
        }

        // ---- DS0011: Connect(host, port) instead of the first answer; DnsEndPoint without a family ----------------

        [SkippableFact]
        public async Task DS0011ConnectToTheHostNameTriesEveryAddress()
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            Skip.If(ClientProgram.WhyNoPrivateHosts is not null, "skipped: " + ClientProgram.WhyNoPrivateHosts);
            const string kind = "DS0011 Connect(Dns…[0], p) → Connect(host, p)";
            var source = ClientProgram.Main + ClientsHeader
                + "using var client = new TcpClient(); client.ReceiveTimeout = 3000; client.Connect(Dns.GetHostAddresses(host)[0], port); var stream = client.GetStream(); stream.Write(Encoding.ASCII.GetBytes(\"ping\")); var buffer = new byte[4]; var read = stream.Read(buffer, 0, 4); return Encoding.ASCII.GetString(buffer, 0, read); } }";

            // dual.test is ::1 then 127.0.0.1: the first answer is refused when only the IPv4 server listens.
            var original = await ClientProgram.RunAsync(source, udp: false, byName: true, withoutIPv6: false);
            output.WriteLine(kind + " original: " + original);
            Assert.StartsWith("RESULT v4=SocketException v6=ok", original);
            Assert.Contains("RESOLVED ::1,127.0.0.1", original);

            var fixedSource = await FixAsync(source, new AddressSelectionDropsIPv6Analyzer(), new AddressSelectionDropsIPv6Fixer(), RuleIds.AddressSelectionDropsIPv6, AddressSelectionDropsIPv6Fixer.AcceptBothFamiliesKey);
            Assert.Contains("client.Connect(host, port)", fixedSource);
            var fixedResult = await ClientProgram.RunAsync(fixedSource, udp: false, byName: true, withoutIPv6: false);
            output.WriteLine(kind + " fixed: " + fixedResult);
            Assert.StartsWith("RESULT v4=ok v6=ok\n", fixedResult.Replace("\r", string.Empty));
        }

        [SkippableFact]
        public async Task DS0011DnsEndPointWithoutAFamilyReachesBothFamilies()
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            const string kind = "DS0011 DnsEndPoint(h, p, InterNetwork) → DnsEndPoint(h, p)";
            var source = ClientProgram.Main + ClientsHeader
                + "using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp); socket.ReceiveTimeout = 3000; socket.ConnectAsync(new DnsEndPoint(host, port, AddressFamily.InterNetwork)).GetAwaiter().GetResult(); socket.Send(Encoding.ASCII.GetBytes(\"ping\")); var buffer = new byte[4]; var read = socket.Receive(buffer); return Encoding.ASCII.GetString(buffer, 0, read); } }";
            var original = await ClientProgram.RunAsync(source, udp: false, byName: false, withoutIPv6: false);
            output.WriteLine(kind + " original: " + original);
            Assert.StartsWith("RESULT v4=ok v6=", original);
            Assert.DoesNotContain("v6=ok", original);

            var fixedSource = await FixAsync(source, new AddressSelectionDropsIPv6Analyzer(), new AddressSelectionDropsIPv6Fixer(), RuleIds.AddressSelectionDropsIPv6, AddressSelectionDropsIPv6Fixer.AcceptBothFamiliesKey);
            var fixedResult = await ClientProgram.RunAsync(fixedSource, udp: false, byName: false, withoutIPv6: false);
            output.WriteLine(kind + " fixed: " + fixedResult);
            Assert.Equal("RESULT v4=ok v6=ok", fixedResult);
        }

        // ---- helpers ------------------------------------------------------------------------------------------

        private async Task<string> FixAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string id, string key)
        {
            var fixedSource = await FixedCode.ApplyAsync(source, analyzer, fixer, id, key);
            Assert.NotEqual(source, fixedSource);
            return fixedSource;
        }

        private async Task AssertServesBothAsync(string kind, string fixedSource, Protocol protocol)
        {
            output.WriteLine(kind + " fixed:\n" + fixedSource.Substring(fixedSource.IndexOf("public static class Listeners", StringComparison.Ordinal)));
            using var program = await LoopbackProgram.StartAsync(fixedSource, web: false, withoutIPv6: false);
            Assert.True(program.Failure is null, program.Output);
            foreach (var address in LoopbackClients.Both)
            {
                Assert.True(await ServedAsync(protocol, address, program.Port), $"{kind}: the fixed listener must serve {address}");
            }

            output.WriteLine($"{kind}: 127.0.0.1 served, ::1 served");
        }

        private async Task AssertStartsWithoutIPv6Async(string kind, string fixedSource, Protocol protocol)
        {
            using var program = await LoopbackProgram.StartAsync(fixedSource, web: false, withoutIPv6: true);
            Assert.True(program.Failure is null, kind + " must start without IPv6: " + program.Output);
            Assert.True(await ServedAsync(protocol, IPAddress.Loopback, program.Port), kind + ": must serve 127.0.0.1 without IPv6");
            output.WriteLine($"{kind} without IPv6: started, 127.0.0.1 served");
        }

        private static Task<bool> ServedAsync(Protocol protocol, IPAddress address, int port)
            => protocol == Protocol.Tcp ? LoopbackClients.TcpEchoAsync(address, port) : LoopbackClients.UdpEchoAsync(address, port);
    }
}
