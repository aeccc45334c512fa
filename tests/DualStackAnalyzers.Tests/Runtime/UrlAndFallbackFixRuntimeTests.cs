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
    /// Fix safety 8 for DS0002, DS0004 and DS0006: each fix kind is compiled and run on loopback. The original program is
    /// checked first, so that each test can fail: DS0002/DS0004 originals refuse ::1; DS0006 originals serve both
    /// families but do not start without IPv6. The fixed programs serve 127.0.0.1 and ::1, and still start and serve
    /// 127.0.0.1 with IPv6 taken away by the shim.
    /// </summary>
    public class UrlAndFallbackFixRuntimeTests
    {
        /// <summary>Replaced by a free port where the fix needs a written one (Kestrel rejects localhost:0).</summary>
        private const string FreePort = "FREE_PORT";

        /// <summary>A Kestrel app whose URLs come from <c>Listeners.Configure(IWebHostBuilder)</c>.</summary>
        private static readonly string KestrelUrlMain = ListenerPrograms.KestrelMain.Replace(
            "builder.WebHost.ConfigureKestrel(options => Listeners.Configure(options));",
            "Listeners.Configure(builder.WebHost);");

        private readonly ITestOutputHelper output;

        public UrlAndFallbackFixRuntimeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public enum Client
        {
            Tcp,
            Udp,
            Http,
        }

        public enum Rule
        {
            DS0002,
            DS0004,
            DS0006,
        }

        /// <summary>Fixes that make an IPv4-only listener (DS0002, DS0004) serve both families.</summary>
        public static TheoryData<string, Rule, string, Client> WideningKinds => new TheoryData<string, Rule, string, Client>
        {
            {
                "DS0002 URL 0.0.0.0 -> *",
                Rule.DS0002,
                KestrelUrlMain + "public static class Listeners { public static void Configure(IWebHostBuilder host) { host.UseUrls(\"http://0.0.0.0:0\"); } }",
                Client.Http
            },
            {
                "DS0004 Kestrel Listen(Loopback) -> ListenLocalhost",
                Rule.DS0004,
                ListenerPrograms.KestrelMain + "public static class Listeners { public static void Configure(KestrelServerOptions options) { options.Listen(IPAddress.Loopback, " + FreePort + ", listen => listen.Protocols = HttpProtocols.Http1); } }",
                Client.Http
            },
            {
                "DS0004 URL 127.0.0.1 -> localhost",
                Rule.DS0004,
                KestrelUrlMain + "public static class Listeners { public static void Configure(IWebHostBuilder host) { host.UseUrls(\"http://127.0.0.1:" + FreePort + "\"); } }",
                Client.Http
            },
        };

        /// <summary>DS0006 fixes: the original serves both families but has no IPv4 fallback.</summary>
        public static TheoryData<string, string, Client> FallbackKinds => new TheoryData<string, string, Client>
        {
            {
                "TcpListener IPv6Any + DualMode -> TcpListener.Create",
                ListenerPrograms.TcpMain + "public static class Listeners { public static TcpListener Create(int port) { var listener = new TcpListener(IPAddress.IPv6Any, port); listener.Server.DualMode = true; return listener; } }",
                Client.Tcp
            },
            {
                "Socket InterNetworkV6 + DualMode -> Socket(SocketType, ProtocolType) + family-guarded bind",
                ListenerPrograms.SocketMain + "public static class Listeners { public static Socket Create(int port) { var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); socket.DualMode = true; socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port)); socket.Listen(10); return socket; } }",
                Client.Tcp
            },
            {
                "Socket(SocketType, ProtocolType) bound to IPv6Any -> family-guarded bind",
                ListenerPrograms.SocketMain + "public static class Listeners { public static Socket Create(int port) { var socket = new Socket(SocketType.Stream, ProtocolType.Tcp); socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port)); socket.Listen(10); return socket; } }",
                Client.Tcp
            },
            {
                "UdpClient InterNetworkV6 + DualMode -> dual-stack UdpClient helper",
                ListenerPrograms.UdpMain + "public static class Listeners { public static UdpClient Create(int port) { var udp = new UdpClient(AddressFamily.InterNetworkV6); udp.Client.DualMode = true; udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port)); return udp; } }",
                Client.Udp
            },
            {
                "Kestrel Listen(IPv6Any) -> ListenAnyIP",
                ListenerPrograms.KestrelMain + "public static class Listeners { public static void Configure(KestrelServerOptions options) { options.Listen(IPAddress.IPv6Any, 0); } }",
                Client.Http
            },
            {
                "URL [::] -> *",
                KestrelUrlMain + "public static class Listeners { public static void Configure(IWebHostBuilder host) { host.UseUrls(\"http://[::]:0\"); } }",
                Client.Http
            },
        };

        [SkippableTheory]
        [MemberData(nameof(WideningKinds))]
        public async Task FixedListenerServesBothFamiliesWhereTheOriginalServedOnlyIPv4(string kind, Rule rule, string source, Client client)
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            source = source.Replace(FreePort, FreeDualPort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            var web = client == Client.Http;

            using (var original = await LoopbackProgram.StartAsync(source, web, withoutIPv6: false))
            {
                Assert.True(original.Failure is null, original.Output);
                Assert.True(await ServedAsync(client, IPAddress.Loopback, original.Port), kind + ": original must serve 127.0.0.1");
                Assert.False(await ServedAsync(client, IPAddress.IPv6Loopback, original.Port), kind + ": original must refuse ::1 (else this test proves nothing)");
            }

            var fixedSource = await FixAsync(rule, source, web);
            using (var fixedProgram = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: false))
            {
                Assert.True(fixedProgram.Failure is null, fixedProgram.Output);
                foreach (var address in LoopbackClients.Both)
                {
                    Assert.True(await ServedAsync(client, address, fixedProgram.Port), $"{kind}: the fixed listener must serve {address}");
                }
            }

            output.WriteLine($"{kind}: 127.0.0.1 served, ::1 served");
            Skip.If(NoIPv6Shim.Path is null, "skipped (no-IPv6 half): " + NoIPv6Shim.WhyMissing);
            using var withoutIPv6 = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: true);
            Assert.True(withoutIPv6.Failure is null, kind + " must start without IPv6: " + withoutIPv6.Output);
            Assert.True(await ServedAsync(client, IPAddress.Loopback, withoutIPv6.Port), kind + ": must serve 127.0.0.1 without IPv6");
            output.WriteLine($"{kind} without IPv6: started, 127.0.0.1 served");
        }

        [SkippableTheory]
        [MemberData(nameof(FallbackKinds))]
        public async Task FixedListenerStartsWithoutIPv6WhereTheOriginalDidNot(string kind, string source, Client client)
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "skipped: this machine has no IPv6 loopback (::1)");
            Skip.If(NoIPv6Shim.Path is null, "skipped: " + NoIPv6Shim.WhyMissing);
            var web = client == Client.Http;

            using (var original = await LoopbackProgram.StartAsync(source, web, withoutIPv6: true))
            {
                Assert.True(original.Failure is not null, kind + ": the original must not start without IPv6 (else this test proves nothing)");
                output.WriteLine($"{kind}: original without IPv6: {original.Failure}");
            }

            var fixedSource = await FixAsync(Rule.DS0006, source, web);
            output.WriteLine(kind + " fixed:\n" + fixedSource.Substring(fixedSource.IndexOf("public static class Listeners", StringComparison.Ordinal)));
            using (var fixedProgram = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: false))
            {
                Assert.True(fixedProgram.Failure is null, fixedProgram.Output);
                foreach (var address in LoopbackClients.Both)
                {
                    Assert.True(await ServedAsync(client, address, fixedProgram.Port), $"{kind}: the fixed listener must serve {address}");
                }
            }

            using var withoutIPv6 = await LoopbackProgram.StartAsync(fixedSource, web, withoutIPv6: true);
            Assert.True(withoutIPv6.Failure is null, kind + " must start without IPv6: " + withoutIPv6.Output);
            Assert.True(await ServedAsync(client, IPAddress.Loopback, withoutIPv6.Port), kind + ": must serve 127.0.0.1 without IPv6");
            output.WriteLine($"{kind}: fixed serves 127.0.0.1 and ::1; without IPv6: started, 127.0.0.1 served");
        }

        private static async Task<string> FixAsync(Rule rule, string source, bool web)
        {
            (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer, string Key) fix = rule switch
            {
                Rule.DS0002 => (new UrlBindsIPv4WildcardAnalyzer(), new UrlBindsIPv4WildcardFixer(), UrlBindsIPv4WildcardFixer.WildcardHostKey),
                Rule.DS0004 => (new LoopbackListenerIsIPv4OnlyAnalyzer(), new LoopbackListenerIsIPv4OnlyFixer(), LoopbackListenerIsIPv4OnlyFixer.LocalhostKey),
                _ => (new DualStackListenerWithoutIPv4FallbackAnalyzer(), new DualStackListenerWithoutIPv4FallbackFixer(), DualStackListenerWithoutIPv4FallbackFixer.FallbackKey),
            };
            var fixedSource = await FixedCode.ApplyAsync(source, fix.Analyzer, fix.Fixer, rule.ToString(), fix.Key, web);
            Assert.NotEqual(source, fixedSource);
            return fixedSource;
        }

        /// <summary>A port free on 127.0.0.1 and ::1 right now (the listener binds it a moment later).</summary>
        private static int FreeDualPort()
        {
            var probe = TcpListener.Create(0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static Task<bool> ServedAsync(Client client, IPAddress address, int port) => client switch
        {
            Client.Tcp => LoopbackClients.TcpEchoAsync(address, port),
            Client.Udp => LoopbackClients.UdpEchoAsync(address, port),
            _ => LoopbackClients.HttpAsync(address, port),
        };
    }
}
