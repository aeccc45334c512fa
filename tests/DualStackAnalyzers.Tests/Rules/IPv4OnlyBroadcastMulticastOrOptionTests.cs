using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<IPv4OnlyBroadcastMulticastOrOptionAnalyzer>;

    public class IPv4OnlyBroadcastMulticastOrOptionTests
    {
        private static Task RunAsync(string source, ReferenceAssemblies? references = null)
        {
            var test = new Analyze { TestCode = Sources.Usings + source };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            return test.RunAsync();
        }

        // ---- Broadcast and IPv4 multicast: flagged ------------------------------------------------------------

        [Fact]
        public Task DiscoveryBroadcastIsFlagged() => RunAsync("""
            class Discovery
            {
                const int DiscoveryPort = 47777;

                void Announce(byte[] payload)
                {
                    using var udp = new UdpClient();
                    {|DS0013:udp.EnableBroadcast = true|};
                    udp.Send(payload, payload.Length, new IPEndPoint({|DS0013:IPAddress.Broadcast|}, DiscoveryPort));
                }

                void Raw(Socket socket)
                {
                    {|DS0013:socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true)|};
                    socket.SendTo(new byte[1], new IPEndPoint({|DS0013:IPAddress.None|}, DiscoveryPort));
                }
            }
            """);

        [Fact]
        public async Task MessageSaysWhatIPv6PeersMiss()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Discovery
                    {
                        void Announce(UdpClient udp, byte[] payload) => udp.Send(payload, payload.Length, new IPEndPoint({|#0:IPAddress.Broadcast|}, 47777));
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IPv4OnlyBroadcastMulticastOrOptionAnalyzer.Rule).WithLocation(0)
                .WithArguments("IPAddress.Broadcast", IPv4OnlyBroadcastMulticastOrOptionAnalyzer.Broadcast));
            await test.RunAsync();
        }

        [Fact]
        public Task IPv4MulticastIsFlagged() => RunAsync("""
            class Cluster
            {
                static readonly IPAddress Group = IPAddress.Parse("239.10.20.30");

                void Join(int port)
                {
                    var udp = new UdpClient(port);
                    {|DS0013:udp.JoinMulticastGroup(Group)|};
                }

                void JoinUnknownGroupOnIPv4Client(IPAddress group, int port)
                {
                    var udp = new UdpClient(port);
                    {|DS0013:udp.JoinMulticastGroup(group, 4)|};
                }

                void Raw(Socket socket, IPAddress group)
                {
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, {|DS0013:new MulticastOption(group)|});
                }
            }
            """);

        [Fact]
        public Task NoneAsASentinelIsFlagged() => RunAsync("""
            class Resolver
            {
                IPAddress last = {|DS0013:IPAddress.None|};

                IPAddress Find(string text)
                {
                    IPAddress result = {|DS0013:IPAddress.None|};
                    if (IPAddress.TryParse(text, out var parsed))
                    {
                        result = parsed;
                    }

                    return result;
                }

                IPAddress OrNone(IPAddress? a) => a ?? {|DS0013:IPAddress.None|};

                void Send(UdpClient udp, byte[] payload)
                {
                    var target = {|DS0013:IPAddress.Broadcast|};
                    udp.Send(payload, payload.Length, new IPEndPoint(target, 47777));
                }
            }
            """);

        // ---- IPv4-level behaviour on dual-stack or IPv6 sockets: flagged ----------------------------------------

        [Fact]
        public Task IPv4GroupOnIPv6ClientThrowsAndIsFlaggedEvenForSsdp() => RunAsync("""
            class Ssdp
            {
                void Listen()
                {
                    var udp = new UdpClient(AddressFamily.InterNetworkV6);
                    udp.Client.DualMode = true;
                    udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, 1900));
                    {|DS0013:udp.JoinMulticastGroup(IPAddress.Parse("239.255.255.250"))|};
                }
            }
            """);

        [Fact]
        public Task MulticastOptionAtTheIPv6LevelIsFlagged() => RunAsync("""
            class Groups
            {
                void Join(Socket socket)
                {
                    socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, {|DS0013:new MulticastOption(IPAddress.Parse("239.1.1.1"))|});
                }
            }
            """);

        [Fact]
        public Task IPLevelOptionsOnDualSocketsAreFlagged() => RunAsync("""
            class Sender
            {
                void Udp()
                {
                    var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
                    {|DS0013:socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, 0x10)|};
                }

                void Tcp()
                {
                    var client = new TcpClient();
                    {|DS0013:client.Client.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, 32)|};
                }

                void MadeDual()
                {
                    var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                    socket.DualMode = true;
                    {|DS0013:socket.Ttl|} = 8;
                }

                void Listener()
                {
                    var listener = TcpListener.Create(8080);
                    {|DS0013:listener.Server.Ttl|} = 16;
                }
            }
            """);

        // ---- Silent --------------------------------------------------------------------------------------------

        [Fact]
        public Task ComparisonsAreSilent() => RunAsync("""
            class Checks
            {
                bool A(IPAddress ip) => ip.Equals(IPAddress.Broadcast);
                bool B(IPAddress ip) => ip == IPAddress.None;
                bool C(IPAddress ip) => IPAddress.None.Equals(ip);
                bool D(IPAddress ip) => !Equals(ip, IPAddress.Broadcast);
                bool E(System.Collections.Generic.List<IPAddress> list) => list.Contains(IPAddress.Broadcast);
            }

            class Reserved
            {
                static readonly IPAddress[] Special = { IPAddress.Any, IPAddress.Broadcast, IPAddress.None };

                bool IsSpecial(IPAddress ip) => Array.IndexOf(Special, ip) >= 0;

                void Log(IPAddress ip) => Console.WriteLine(IPAddress.Broadcast);
            }

            class Receiver
            {
                void Receive(Socket socket, byte[] buffer, int port)
                {
                    EndPoint remote = new IPEndPoint(IPAddress.None, port);
                    socket.ReceiveFrom(buffer, ref remote);
                    EndPoint any = new IPEndPoint(IPAddress.Broadcast, 0);
                    socket.ReceiveFrom(buffer, ref any);
                }
            }
            """);

        [Fact]
        public Task IPv4MulticastWithAnIPv6CounterpartIsSilent() => RunAsync("""
            class Mdns
            {
                static readonly IPAddress GroupV4 = IPAddress.Parse("224.0.0.251");
                static readonly IPAddress GroupV6 = IPAddress.Parse("ff02::fb");

                void Join(UdpClient v4, UdpClient v6, int interfaceIndex)
                {
                    v4.JoinMulticastGroup(GroupV4);
                    v6.JoinMulticastGroup(interfaceIndex, GroupV6);
                }

                void Raw(Socket v4, Socket v6, IPAddress group4, IPAddress group6)
                {
                    v4.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group4));
                    v6.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(group6));
                }
            }
            """);

        [Fact]
        public Task BroadcastWithAnIPv6MulticastCounterpartIsSilent() => RunAsync("""
            class Announcer
            {
                void Announce(UdpClient v4, UdpClient v6, byte[] payload)
                {
                    v4.EnableBroadcast = true;
                    v4.Send(payload, payload.Length, new IPEndPoint(IPAddress.Broadcast, 47777));
                    v6.Send(payload, payload.Length, new IPEndPoint(IPAddress.Parse("ff02::1"), 47777));
                }
            }
            """);

        [Fact]
        public Task DhcpClientBroadcastIsSilent() => RunAsync("""
            class DhcpClient
            {
                void Discover(byte[] packet)
                {
                    using var udp = new UdpClient(68);
                    udp.EnableBroadcast = true;
                    udp.Send(packet, packet.Length, new IPEndPoint(IPAddress.Broadcast, 67));
                }
            }
            """);

        [Fact]
        public Task WakeOnLanAndIPv4OnlySsdpAreSilent() => RunAsync("""
            class WakeOnLan
            {
                void Wake(byte[] magicPacket)
                {
                    using var udp = new UdpClient();
                    udp.EnableBroadcast = true;
                    udp.Send(magicPacket, magicPacket.Length, new IPEndPoint(IPAddress.Broadcast, 9));
                }
            }

            class SsdpSearch
            {
                const int SsdpPort = 1900;

                void Search(byte[] request)
                {
                    var udp = new UdpClient(0);
                    udp.JoinMulticastGroup(IPAddress.Parse("239.255.255.250"));
                    udp.Send(request, request.Length, new IPEndPoint(IPAddress.Parse("239.255.255.250"), SsdpPort));
                }
            }
            """);

        [Fact]
        public Task TypesNamedByTheOptionAreSilent() => new Analyze
        {
            TestState =
            {
                Sources = { Sources.Usings + "namespace Lan { class Beacon { void Send(UdpClient u) { u.EnableBroadcast = true; } } }" },
                AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\ndualstack.ipv4_only_types = Lan.*\n") },
            },
        }.RunAsync();

        [Fact]
        public Task IPLevelOptionsOnIPv4SocketsOrWithTheirIPv6CounterpartAreSilent() => RunAsync("""
            class Options
            {
                void IPv4Socket()
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 4);
                    socket.Ttl = 8;
                }

                void IPv4Client()
                {
                    var udp = new UdpClient(5000);
                    udp.Ttl = 8;
                }

                void BothLevels()
                {
                    var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 4);
                    socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, 4);
                }

                void TtlBothLevels()
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    socket.Ttl = 32;
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, 32);
                }

                void Guarded(Socket socket)
                {
                    var dual = new Socket(SocketType.Dgram, ProtocolType.Udp);
                    if (dual.AddressFamily == AddressFamily.InterNetwork)
                    {
                        dual.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, 0x10);
                    }
                }

                void Unknown(Socket socket) => socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, 0x10);

                void NoBroadcast(UdpClient udp) => udp.EnableBroadcast = false;
            }
            """);

        [Fact]
        public Task IPv6GroupsAndUnknownGroupsOnUnknownClientsAreSilent() => RunAsync("""
            class Ipv6Groups
            {
                void A(UdpClient udp) => udp.JoinMulticastGroup(IPAddress.Parse("ff05::c"));
            }

            class Groups
            {
                void B(UdpClient udp, IPAddress group) => udp.JoinMulticastGroup(group);
                void C(UdpClient udp, int index, IPAddress group) => udp.JoinMulticastGroup(index, group);
                void D(Socket socket, IPAddress group) => socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.DropMembership, new MulticastOption(group));
            }
            """);

        [Fact]
        public Task NetFrameworkTcpClientIsIPv4AndSilent() => RunAsync("""
            class Sender
            {
                void Tcp()
                {
                    var client = new TcpClient();
                    client.Client.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, 32);
                }
            }
            """.Replace("using System.Threading.Tasks;\n", string.Empty), TestReferences.Net461);

        [Fact]
        public Task GeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources = { ("B.g.cs", "// <auto-generated/>\n" + Sources.Usings + "class B { void S(UdpClient u) { u.EnableBroadcast = true; } }") },
            },
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("udp.EnableBroadcast = ;")]
        [InlineData("udp.Ttl = ;")]
        [InlineData("udp.JoinMulticastGroup();")]
        [InlineData("udp.JoinMulticastGroup(IPAddress.Parse());")]
        [InlineData("udp.Client.SetSocketOption(SocketOptionLevel.IP, , 1);")]
        [InlineData("udp.Client.SetSocketOption(SocketOptionLevel., SocketOptionName.IpTimeToLive, 1);")]
        [InlineData("var o = new MulticastOption();")]
        [InlineData("var e = new IPEndPoint(IPAddress.Broadcast);")]
        [InlineData("var e = IPAddress.;")]
        [InlineData("undefined.Ttl = 3;")]
        public async Task IncompleteCodeDoesNotThrow(string statement)
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + "class C { void M() { var udp = new UdpClient(AddressFamily.InterNetworkV6); udp.Client.DualMode = true; " + statement + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }
    }
}
