using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<AddressSelectionDropsIPv6Analyzer>;
    using Fix = CodeFixTest<AddressSelectionDropsIPv6Analyzer, AddressSelectionDropsIPv6Fixer>;

    public class AddressSelectionDropsIPv6Tests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net;
            using System.Net.Http;
            using System.Net.NetworkInformation;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            """;

        private const string LookupNote = "; a lookup for one family also throws when the name has no such address, so code after it cannot fall back";

        private static Task FlagsAsync(string body) => new Analyze { TestCode = Usings + body }.RunAsync();

        private static Task InMethodAsync(string statements) => FlagsAsync($$"""
            class Resolver
            {
                async Task<object> Run(string host, int port, Socket socket, TcpClient client, IPAddress[] configured)
                {
                    {{statements}}
                    return null;
                }
            }
            """);

        // ---- Flagged: filters ----------------------------------------------------------------------------------

        [Theory]
        [InlineData("var v4 = Dns.GetHostAddresses(host).Where(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|}).ToArray();")]
        [InlineData("var ip = Dns.GetHostAddresses(host).First(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|});")]
        [InlineData("var ip = (await Dns.GetHostEntryAsync(host)).AddressList.FirstOrDefault(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|}) ?? throw new Exception(\"no IPv4\");")]
        [InlineData("var ip = (await Dns.GetHostAddressesAsync(host)).FirstOrDefault(a => {|DS0011:a.AddressFamily is AddressFamily.InterNetwork|});")]
        [InlineData("var ip = Dns.GetHostAddresses(host).First(a => {|DS0011:a.AddressFamily != AddressFamily.InterNetworkV6|});")]
        [InlineData("var ip = Dns.GetHostAddresses(host).First(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|} && !IPAddress.IsLoopback(a));")]
        [InlineData("var ip = Dns.GetHostAddresses(host).First(a => !({|DS0011:a.AddressFamily != AddressFamily.InterNetwork|}));")]
        [InlineData("var ips = from a in Dns.GetHostEntry(host).AddressList where {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|} select a;")]
        [InlineData("var ip = Array.Find(Dns.GetHostAddresses(host), a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|});")]
        [InlineData("var list = Dns.GetHostAddresses(host).ToList(); list.RemoveAll(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetworkV6|});")]
        [InlineData("var addresses = await Dns.GetHostAddressesAsync(host); var v4 = addresses.Where(a => !IPAddress.IsLoopback(a)).Where(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|}).ToArray(); if (v4.Length == 0) throw new Exception();")]
        [InlineData("foreach (var ip in Dns.GetHostAddresses(host)) { if ({|DS0011:ip.AddressFamily != AddressFamily.InterNetwork|}) continue; socket.Connect(ip, port); }")]
        [InlineData("foreach (var ip in Dns.GetHostAddresses(host)) { if ({|DS0011:ip.AddressFamily != AddressFamily.InterNetwork|}) throw new NotSupportedException(); }")]
        [InlineData("var ip = Dns.GetHostAddresses(host)[0]; if ({|DS0011:ip.AddressFamily != AddressFamily.InterNetwork|}) throw new NotSupportedException(\"IPv4 only\"); socket.Connect(ip, port);")]
        public Task FiltersOfDnsResultsAreFlagged(string statements) => InMethodAsync(statements);

        [Fact]
        public Task TheClassicLocalIPAddressSnippetIsFlagged() => FlagsAsync("""
            static class Network
            {
                public static string GetLocalIPAddress()
                {
                    var host = Dns.GetHostEntry(Dns.GetHostName());
                    foreach (var ip in host.AddressList)
                    {
                        if ({|DS0011:ip.AddressFamily == AddressFamily.InterNetwork|})
                        {
                            return ip.ToString();
                        }
                    }

                    throw new Exception("No network adapters with an IPv4 address in the system!");
                }
            }
            """);

        [Fact]
        public Task InterfaceAddressesFilteredToIPv4AreFlagged() => FlagsAsync("""
            static class Network
            {
                public static IPAddress PodAddress()
                {
                    foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                    {
                        foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                        {
                            if ({|DS0011:unicast.Address.AddressFamily == AddressFamily.InterNetwork|} && !IPAddress.IsLoopback(unicast.Address))
                            {
                                return unicast.Address;
                            }
                        }
                    }

                    return null;
                }

                public static IPAddress ThroughALocal()
                {
                    foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                    {
                        foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                        {
                            var address = unicast.Address;
                            if ({|DS0011:address.AddressFamily == AddressFamily.InterNetwork|})
                            {
                                return address;
                            }
                        }
                    }

                    return null;
                }

                public static IPAddress[] All() => NetworkInterface.GetAllNetworkInterfaces()
                    .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                    .Where(u => {|DS0011:u.Address.AddressFamily == AddressFamily.InterNetwork|})
                    .Select(u => u.Address)
                    .ToArray();
            }
            """);

        [Fact]
        public async Task FilterMessageNamesTheSource()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Resolver
                    {
                        IPAddress Pick(string host) => Dns.GetHostEntry(host).AddressList.First(a => {|#0:a.AddressFamily == AddressFamily.InterNetwork|});
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.FilterRule).WithLocation(0).WithArguments("Dns.GetHostEntry"));
            await test.RunAsync();
        }

        // ---- Flagged: family-restricted lookups, first-address connects, ConnectCallback ---------------------------

        [Fact]
        public async Task FamilyRestrictedLookupsAreFlagged()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Resolver
                    {
                        async Task<IPAddress[]> Resolve(string host) => await Dns.GetHostAddressesAsync(host, {|#0:AddressFamily.InterNetwork|});

                        IPAddress[] ResolveWithAFallbackThatIsNeverReached(string host)
                        {
                            var v4 = Dns.GetHostAddresses(host, {|#1:AddressFamily.InterNetwork|});
                            return v4.Length > 0 ? v4 : Dns.GetHostAddresses(host);
                        }

                        EndPoint Endpoint(string host, int port) => new DnsEndPoint(host, port, {|#2:AddressFamily.InterNetwork|});
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.FamilyRule).WithLocation(0).WithArguments("Dns.GetHostAddressesAsync(…, AddressFamily.InterNetwork)", LookupNote));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.FamilyRule).WithLocation(1).WithArguments("Dns.GetHostAddresses(…, AddressFamily.InterNetwork)", LookupNote));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.FamilyRule).WithLocation(2).WithArguments("new DnsEndPoint(…, AddressFamily.InterNetwork)", string.Empty));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("socket.Connect({|DS0011:Dns.GetHostAddresses(host)[0]|}, port);")]
        [InlineData("client.Connect({|DS0011:Dns.GetHostEntry(host).AddressList[0]|}, port);")]
        [InlineData("await client.ConnectAsync({|DS0011:(await Dns.GetHostAddressesAsync(host)).First()|}, port);")]
        [InlineData("socket.Connect(new IPEndPoint({|DS0011:Dns.GetHostAddresses(host)[0]|}, port));")]
        [InlineData("var addresses = Dns.GetHostAddresses(host); socket.Connect({|DS0011:addresses[0]|}, port);")]
        [InlineData("var entry = await Dns.GetHostEntryAsync(host); await socket.ConnectAsync({|DS0011:entry.AddressList.FirstOrDefault()|}, port);")]
        public Task ConnectingToTheFirstAnswerIsFlagged(string statements) => InMethodAsync(statements);

        [Fact]
        public async Task FirstAnswerThroughALocalIsReportedAtTheConnect()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Client
                    {
                        void Run(Socket socket, string host, int port)
                        {
                            var first = {|#1:Dns.GetHostAddresses(host)[0]|};
                            socket.Connect({|#0:first|}, port);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.FirstAddressRule).WithLocation(0).WithLocation(1)
                .WithArguments("'first' ('Dns.GetHostAddresses(host)[0]')", "Dns.GetHostAddresses"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ConnectCallbackThatForcesIPv4IsFlagged()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Factory
                    {
                        HttpClient Create() => new HttpClient(new SocketsHttpHandler
                        {
                            ConnectCallback = async (context, cancellationToken) =>
                            {
                                var socket = new Socket({|#0:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp);
                                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                                return new NetworkStream(socket, ownsSocket: true);
                            },
                        });
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.ConnectCallbackRule).WithLocation(0).WithArguments("AddressFamily.InterNetwork", string.Empty));
            await test.RunAsync();
        }

        [Fact]
        public async Task ConnectCallbackMethodGroupIsFlaggedToo()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Factory
                    {
                        SocketsHttpHandler Create() => new SocketsHttpHandler { ConnectCallback = ConnectAsync };

                        private static async ValueTask<System.IO.Stream> ConnectAsync(SocketsHttpConnectionContext context, System.Threading.CancellationToken cancellationToken)
                        {
                            var socket = new Socket({|#0:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp);
                            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.ConnectCallbackRule).WithLocation(0).WithArguments("AddressFamily.InterNetwork", string.Empty));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var both = Dns.GetHostAddresses(host).Where(a => a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6);")]
        [InlineData("var v4 = new List<IPAddress>(); var v6 = new List<IPAddress>(); foreach (var ip in Dns.GetHostAddresses(host)) { if (ip.AddressFamily == AddressFamily.InterNetwork) v4.Add(ip); else v6.Add(ip); }")]
        [InlineData("var all = Dns.GetHostAddresses(host); var v4 = all.Where(a => a.AddressFamily == AddressFamily.InterNetwork); var v6 = all.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6);")]
        [InlineData("var all = Dns.GetHostAddresses(host); var ip = all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.First();")]
        [InlineData("var all = Dns.GetHostAddresses(host); var ip = all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all[0];")]
        [InlineData("var ip = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? Dns.GetHostAddresses(host)[0];")]
        [InlineData("var ordered = Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).ToArray(); socket.Connect(ordered, port);")]
        [InlineData("var all = Dns.GetHostAddresses(host); foreach (var ip in all) { if (ip.AddressFamily == AddressFamily.InterNetwork) return ip; } return all[0];")]
        [InlineData("var hasV4 = Dns.GetHostAddresses(host).Any(a => a.AddressFamily == AddressFamily.InterNetwork);")]
        [InlineData("foreach (var ip in Dns.GetHostAddresses(host)) { if (ip.AddressFamily == AddressFamily.InterNetwork) Console.WriteLine(\"IPv4: \" + ip); }")]
        [InlineData("var mine = configured.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToArray();")]
        [InlineData("var all = Dns.GetHostAddresses(host); if (!Socket.OSSupportsIPv6) { all = all.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToArray(); }")]
        [InlineData("if (socket.AddressFamily == AddressFamily.InterNetwork) { var ip = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork); socket.Connect(ip, port); }")]
        [InlineData("try { return Dns.GetHostAddresses(host, AddressFamily.InterNetwork); } catch (SocketException) { return Dns.GetHostAddresses(host); }")]
        [InlineData("var v6 = Dns.GetHostAddresses(host, AddressFamily.InterNetworkV6);")]
        [InlineData("var any = new DnsEndPoint(host, port); var unspecified = new DnsEndPoint(host, port, AddressFamily.Unspecified);")]
        [InlineData("socket.Connect(Dns.GetHostAddresses(host), port); client.Connect(host, port);")]
        [InlineData("foreach (var ip in Dns.GetHostAddresses(host)) { try { socket.Connect(ip, port); break; } catch (SocketException) { } }")]
        [InlineData("var ip = IPAddress.Parse(host); socket.Connect(ip, port);")]
        [InlineData("socket.Connect(configured[0], port);")]
        public Task DualStackCorrectCodeIsSilent(string statements) => InMethodAsync(statements);

        [Fact]
        public Task LoopThatPrefersIPv4AndFallsBackIsSilent() => FlagsAsync("""
            static class Network
            {
                public static IPAddress PodAddress()
                {
                    IPAddress fallback = null;
                    foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                    {
                        foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                        {
                            var address = unicast.Address;
                            if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal)
                            {
                                continue;
                            }

                            if (address.AddressFamily == AddressFamily.InterNetwork)
                            {
                                return address;
                            }

                            fallback ??= address;
                        }
                    }

                    return fallback;
                }
            }
            """);

        [Fact]
        public Task Socks4IsIPv4OnlyByDesign() => FlagsAsync("""
            class Socks4Client
            {
                byte[] Request(string host, int port)
                {
                    var ip = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
                    return ip.GetAddressBytes();
                }
            }
            """);

        [Fact]
        public Task ConnectCallbackWithADualSocketIsSilent() => FlagsAsync("""
            class Factory
            {
                HttpClient Create() => new HttpClient(new SocketsHttpHandler
                {
                    ConnectCallback = async (context, cancellationToken) =>
                    {
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    },
                });
            }
            """);

        [Fact]
        public Task BroadcastTypeIsSilent() => FlagsAsync("""
            class Discovery
            {
                IPAddress Local()
                {
                    var udp = new UdpClient { EnableBroadcast = true };
                    return Dns.GetHostAddresses(Dns.GetHostName()).First(a => a.AddressFamily == AddressFamily.InterNetwork);
                }
            }
            """);

        [Fact]
        public Task SuppressedAndGeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources =
                {
                    ("Resolver.g.cs", "// <auto-generated/>\n" + Usings + "class A { IPAddress P(string h) => Dns.GetHostAddresses(h).First(a => a.AddressFamily == AddressFamily.InterNetwork); }"),
                    Usings + "class B {\n#pragma warning disable DS0011\n IPAddress P(string h) => Dns.GetHostAddresses(h).First(a => a.AddressFamily == AddressFamily.InterNetwork);\n#pragma warning restore DS0011\n}",
                },
            },
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var ip = Dns.GetHostAddresses(host).First(a => a.AddressFamily == );")]
        [InlineData("var ip = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork")]
        [InlineData("foreach (var ip in Dns.GetHostAddresses()) { if (ip.AddressFamily != AddressFamily.InterNetwork) continue; }")]
        [InlineData("socket.Connect(Dns.GetHostAddresses(host)[], port);")]
        [InlineData("socket.Connect(Dns.GetHostAddresses(host)[0]);")]
        [InlineData("var e = new DnsEndPoint(host, AddressFamily.InterNetwork);")]
        [InlineData("var a = Dns.GetHostAddresses(host, AddressFamily.);")]
        [InlineData("foreach (var ip in Undefined.Addresses) { if (ip.AddressFamily != AddressFamily.InterNetwork) continue; }")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = Usings + "class Resolver { void Run(Socket socket, string host, int port) { " + statements + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Clear();
            await IncompleteCode.RunAsync(test);
        }

        // ---- Fixes --------------------------------------------------------------------------------------------

        [Fact]
        public Task FirstAnswerBecomesTheHostName() => new Fix
        {
            TestCode = Usings + """
                class Client
                {
                    void Run(Socket socket, string host, int port)
                    {
                        // keep this comment
                        socket.Connect({|DS0011:Dns.GetHostAddresses(host)[0]|}, port); // and this one
                    }
                }
                """,
            FixedCode = Usings + """
                class Client
                {
                    void Run(Socket socket, string host, int port)
                    {
                        // keep this comment
                        socket.Connect(host, port); // and this one
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task LookupLocalsThatAreNoLongerReadAreRemoved() => new Fix
        {
            TestCode = Usings + """
                class Client
                {
                    async Task Run(TcpClient client, string host, int port)
                    {
                        var addresses = await Dns.GetHostAddressesAsync(host);
                        var first = {|#1:addresses[0]|};
                        await client.ConnectAsync({|#0:first|}, port);
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.FirstAddressRule).WithLocation(0).WithLocation(1)
                    .WithArguments("'first' ('addresses[0]')", "Dns.GetHostAddresses"),
            },
            FixedCode = Usings + """
                class Client
                {
                    async Task Run(TcpClient client, string host, int port)
                    {
                        await client.ConnectAsync(host, port);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task InlineEndpointBecomesHostAndPort() => new Fix
        {
            TestCode = Usings + """
                class Client
                {
                    async Task Run(Socket socket, string host, int port)
                    {
                        await socket.ConnectAsync(new IPEndPoint({|DS0011:Dns.GetHostEntry(host).AddressList[0]|}, port));
                    }
                }
                """,
            FixedCode = Usings + """
                class Client
                {
                    async Task Run(Socket socket, string host, int port)
                    {
                        await socket.ConnectAsync(host, port);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task HostThatMayChangeKeepsTheDiagnosticWithoutAFix() => new Fix
        {
            TestCode = Usings + """
                class Client
                {
                    string NextHost() => "example.org";

                    void Run(Socket socket, int port)
                    {
                        var addresses = Dns.GetHostAddresses(NextHost());
                        socket.Connect({|DS0011:addresses[0]|}, port);
                    }
                }
                """,
            FixedCode = Usings + """
                class Client
                {
                    string NextHost() => "example.org";

                    void Run(Socket socket, int port)
                    {
                        var addresses = Dns.GetHostAddresses(NextHost());
                        socket.Connect({|DS0011:addresses[0]|}, port);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task DnsEndPointLosesItsFamily() => new Fix
        {
            TestCode = Usings + """
                class Client
                {
                    async Task Run(Socket socket, string host, int port)
                    {
                        await socket.ConnectAsync(new DnsEndPoint(host, port, {|#0:AddressFamily.InterNetwork|}));
                    }
                }
                """,
            ExpectedDiagnostics = { new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.FamilyRule).WithLocation(0).WithArguments("new DnsEndPoint(…, AddressFamily.InterNetwork)", string.Empty) },
            FixedCode = Usings + """
                class Client
                {
                    async Task Run(Socket socket, string host, int port)
                    {
                        await socket.ConnectAsync(new DnsEndPoint(host, port));
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task ConnectCallbackSocketBecomesDualStack() => new Fix
        {
            TestCode = Usings + """
                class Factory
                {
                    HttpClient Create() => new HttpClient(new SocketsHttpHandler
                    {
                        ConnectCallback = async (context, cancellationToken) =>
                        {
                            var socket = new Socket({|#0:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                            return new NetworkStream(socket, ownsSocket: true);
                        },
                    });
                }
                """,
            ExpectedDiagnostics = { new DiagnosticResult(AddressSelectionDropsIPv6Analyzer.ConnectCallbackRule).WithLocation(0).WithArguments("AddressFamily.InterNetwork", string.Empty) },
            FixedCode = Usings + """
                class Factory
                {
                    HttpClient Create() => new HttpClient(new SocketsHttpHandler
                    {
                        ConnectCallback = async (context, cancellationToken) =>
                        {
                            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                            return new NetworkStream(socket, ownsSocket: true);
                        },
                    });
                }
                """,
        }.RunAsync();

        [Fact]
        public Task FiltersAreReportOnly() => new Fix
        {
            TestCode = Usings + """
                class Resolver
                {
                    IPAddress Pick(string host) => Dns.GetHostAddresses(host).First(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|});
                }
                """,
            FixedCode = Usings + """
                class Resolver
                {
                    IPAddress Pick(string host) => Dns.GetHostAddresses(host).First(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|});
                }
                """,
        }.RunAsync();

        [Fact]
        public Task FixAllFixesEveryFixableForm() => new Fix
        {
            TestCode = Usings + """
                class Client
                {
                    async Task Run(Socket socket, TcpClient client, string host, int port)
                    {
                        socket.Connect({|DS0011:Dns.GetHostAddresses(host)[0]|}, port);
                        await client.ConnectAsync({|DS0011:(await Dns.GetHostAddressesAsync(host)).First()|}, port);
                        var endpoint = new DnsEndPoint(host, port, {|DS0011:AddressFamily.InterNetwork|});
                        var pick = Dns.GetHostAddresses(host).First(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|});
                    }
                }
                """,
            FixedCode = Usings + """
                class Client
                {
                    async Task Run(Socket socket, TcpClient client, string host, int port)
                    {
                        socket.Connect(host, port);
                        await client.ConnectAsync(host, port);
                        var endpoint = new DnsEndPoint(host, port);
                        var pick = Dns.GetHostAddresses(host).First(a => {|DS0011:a.AddressFamily == AddressFamily.InterNetwork|});
                    }
                }
                """,

            // The filter is report-only: it stays after Fix All.
            FixedState = { MarkupHandling = MarkupMode.Allow },
        }.RunAsync();
    }
}
