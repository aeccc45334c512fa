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
    /// DS0040 (R6) proven by running it: after the fix, each peer check gives the same answer for 10.0.0.7 and
    /// ::ffff:10.0.0.7 (how a dual-stack socket reports the same IPv4 client), and an IPv6 peer is not mistaken for it.
    /// The original checks answer differently for the two forms, so these tests can fail. The loopback check also runs
    /// against a real dual-stack listener on 127.0.0.1 and ::1.
    /// </summary>
    public class PeerComparisonFixRuntimeTests
    {
        private const string Source = """
            using System;
            using System.Linq;
            using System.Net;
            using System.Net.Sockets;

            public static class Peers
            {
                private static readonly string[] Allowed = { "10.0.0.7", "10.0.0.8" };

                public static bool EqualsAddress(UdpReceiveResult received) => received.RemoteEndPoint.Address.Equals(IPAddress.Parse("10.0.0.7"));

                public static bool EqualsText(UdpReceiveResult received)
                {
                    var sender = received.RemoteEndPoint;
                    return sender.Address.ToString() == "10.0.0.7";
                }

                public static bool InAllowList(UdpReceiveResult received)
                {
                    var ip = received.RemoteEndPoint.Address;
                    return Allowed.Contains(ip.ToString());
                }

                public static bool HasPrivatePrefix(UdpReceiveResult received) => received.RemoteEndPoint.Address.ToString().StartsWith("10.");

                public static bool IsLocal(Socket accepted)
                {
                    var remote = (IPEndPoint)accepted.RemoteEndPoint;
                    return remote.Address.Equals(IPAddress.Loopback);
                }
            }
            """;

        private static readonly string[] Checks = { "EqualsAddress", "EqualsText", "InAllowList", "HasPrivatePrefix" };

        private readonly ITestOutputHelper output;

        public PeerComparisonFixRuntimeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        private static UdpReceiveResult From(string address) => new UdpReceiveResult(Array.Empty<byte>(), new IPEndPoint(IPAddress.Parse(address), 5000));

        private static Task<string> FixedSourceAsync()
            => FixedCode.ApplyAsync(Source, new PeerAddressComparedAsIPv4Analyzer(), new PeerAddressComparedAsIPv4Fixer(), "DS0040", PeerAddressComparedAsIPv4Fixer.NormaliseKey);

        [Fact]
        public async Task NormalisedComparisonsAnswerTheSameForAnIPv4PeerAndItsMappedForm()
        {
            var fixedSource = await FixedSourceAsync();
            output.WriteLine(fixedSource);
            Assert.NotEqual(Source, fixedSource);

            using var fixedLibrary = InMemoryLibrary.Compile(fixedSource);
            using var original = InMemoryLibrary.Compile(Source);
            foreach (var check in Checks)
            {
                var plain = (bool)fixedLibrary.Call("Peers", check, From("10.0.0.7"))!;
                var mapped = (bool)fixedLibrary.Call("Peers", check, From("::ffff:10.0.0.7"))!;
                var ipv6 = (bool)fixedLibrary.Call("Peers", check, From("fd00::7"))!;
                output.WriteLine($"{check}: 10.0.0.7 → {plain}, ::ffff:10.0.0.7 → {mapped}, fd00::7 → {ipv6}");

                Assert.True(plain, check + " must accept 10.0.0.7");
                Assert.Equal(plain, mapped);
                Assert.False(ipv6, check + " must not take an IPv6 peer for 10.0.0.7");

                // The original answers differently for the mapped form: without that, this test would prove nothing.
                Assert.True((bool)original.Call("Peers", check, From("10.0.0.7"))!);
                Assert.False((bool)original.Call("Peers", check, From("::ffff:10.0.0.7"))!, check + ": the original was expected to miss ::ffff:10.0.0.7");
            }
        }

        [SkippableFact]
        public async Task FixedLoopbackCheckRecognisesClientsOfADualStackListener()
        {
            var fixedSource = await FixedSourceAsync();
            Assert.Contains("IPAddress.IsLoopback", fixedSource);
            using var fixedLibrary = InMemoryLibrary.Compile(fixedSource);
            using var original = InMemoryLibrary.Compile(Source);

            var listener = TcpListener.Create(0); // dual-stack: IPv4 clients arrive as ::ffff:127.0.0.1
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                using (var accepted = await ConnectAndAcceptAsync(listener, IPAddress.Loopback, port))
                {
                    output.WriteLine("127.0.0.1 client arrives as " + accepted.RemoteEndPoint);
                    Assert.True((bool)fixedLibrary.Call("Peers", "IsLocal", accepted)!);
                    if (listener.Server.DualMode)
                    {
                        Assert.False((bool)original.Call("Peers", "IsLocal", accepted)!, "the original was expected to miss the mapped loopback client");
                    }
                }

                Skip.IfNot(Socket.OSSupportsIPv6, "skipped (the ::1 half): this machine has no IPv6 loopback");
                using var accepted6 = await ConnectAndAcceptAsync(listener, IPAddress.IPv6Loopback, port);
                output.WriteLine("::1 client arrives as " + accepted6.RemoteEndPoint);
                Assert.True((bool)fixedLibrary.Call("Peers", "IsLocal", accepted6)!);
            }
            finally
            {
                listener.Stop();
            }
        }

        private static async Task<Socket> ConnectAndAcceptAsync(TcpListener listener, IPAddress address, int port)
        {
            using var client = new TcpClient(address.AddressFamily);
            var accept = listener.AcceptSocketAsync();
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(10));
            return await accept.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
