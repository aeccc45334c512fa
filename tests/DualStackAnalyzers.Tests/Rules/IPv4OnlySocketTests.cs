using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<IPv4OnlySocketAnalyzer>;
    using Fix = CodeFixTest<IPv4OnlySocketAnalyzer, IPv4OnlySocketFixer>;

    public class IPv4OnlySocketTests
    {
        private static readonly string UsingsNoTasks = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty);

        private static Task FlagsAsync(string body, ReferenceAssemblies? references = null)
        {
            var test = new Analyze { TestCode = Sources.Usings + body };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            return test.RunAsync();
        }

        private static DiagnosticResult Diagnostic(int location, string display, string type, string suffix = "")
            => new DiagnosticResult(IPv4OnlySocketAnalyzer.Rule).WithLocation(location).WithArguments(display, type, suffix);

        // ---- Flagged forms -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var s = new Socket({|DS0010:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp); s.Connect(host, port);")]
        [InlineData("var s = new Socket({|DS0010:System.Net.Sockets.AddressFamily.InterNetwork|}, SocketType.Dgram, ProtocolType.Udp); s.SendTo(new byte[1], new DnsEndPoint(host, port));")]
        [InlineData("var c = new TcpClient({|DS0010:AddressFamily.InterNetwork|}); c.Connect(host, port);")]
        [InlineData("var u = {|DS0010:new UdpClient()|}; u.Send(new byte[1], 1, host, port);")]
        [InlineData("var u = {|DS0010:new UdpClient(port)|}; u.Receive(ref remote);")]
        [InlineData("var u = new UdpClient({|DS0010:AddressFamily.InterNetwork|});")]
        [InlineData("var u = new UdpClient(port, {|DS0010:AddressFamily.InterNetwork|});")]
        [InlineData("using var s = new Socket({|DS0010:(AddressFamily)2|}, SocketType.Stream, ProtocolType.Tcp);")]
        [InlineData("Socket s = new({|DS0010:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp);")]
        public Task IPv4OnlyCreationsAreFlagged(string statements) => FlagsAsync($$"""
            class Client
            {
                void Run(string host, int port)
                {
                    IPEndPoint remote = null;
                    {{statements}}
                }
            }
            """);

        [Fact]
        public Task DefaultTcpClientIsFlaggedOnNetFramework() => new Analyze
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = UsingsNoTasks + """
                class Client
                {
                    void Run(IPAddress address, int port)
                    {
                        var client = {|#0:new TcpClient()|};
                        client.Connect(address, port);
                    }
                }
                """,
            ExpectedDiagnostics = { Diagnostic(0, "new TcpClient()", "TcpClient", "; on .NET Framework and .NET Core before 3.0 TcpClient() is IPv4-only") },
        }.RunAsync();

        [Fact]
        public Task DefaultTcpClientIsSilentOnNetCore() => FlagsAsync("""
            class Client
            {
                void Run(string host, int port)
                {
                    var client = new TcpClient();
                    client.Connect(host, port);
                }
            }
            """);

        [Fact]
        public async Task FamilyThroughALocalIsReportedAtTheUseWithTheOrigin()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Client
                    {
                        Socket Open()
                        {
                            var family = {|#1:AddressFamily.InterNetwork|};
                            return new Socket({|#0:family|}, SocketType.Stream, ProtocolType.Tcp);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "'family' (AddressFamily.InterNetwork)", "Socket").WithLocation(1));
            await test.RunAsync();
        }

        [Fact]
        public async Task ParameterDefaultIsReportOnly()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Client
                    {
                        Socket Open(AddressFamily family = {|#1:AddressFamily.InterNetwork|})
                            => new Socket({|#0:family|}, SocketType.Stream, ProtocolType.Tcp);
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "'family' (default AddressFamily.InterNetwork)", "Socket",
                "; no automatic fix: the family comes from 'family' (default AddressFamily.InterNetwork); make that default dual-stack, or create the socket without a family when none is configured").WithLocation(1));
            await test.RunAsync();
        }

        [Fact]
        public async Task OptionsInitializerIsReportOnly()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class ClientOptions
                    {
                        public AddressFamily AddressFamily { get; set; } = {|#1:AddressFamily.InterNetwork|};
                    }

                    class Client
                    {
                        private readonly ClientOptions options = new ClientOptions();

                        UdpClient Open() => new UdpClient({|#0:options.AddressFamily|});
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "'options.AddressFamily' (AddressFamily.InterNetwork)", "UdpClient",
                "; no automatic fix: the family comes from 'options.AddressFamily' (AddressFamily.InterNetwork); make that default dual-stack, or create the socket without a family when none is configured").WithLocation(1));
            await test.RunAsync();
        }

        [Fact]
        public async Task ObjectInitializerOfOptionsIsFollowed()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class ClientOptions { public AddressFamily Family { get; set; } }

                    class Client
                    {
                        Socket Open()
                        {
                            var options = new ClientOptions { Family = {|#1:AddressFamily.InterNetwork|} };
                            return new Socket({|#0:options.Family|}, SocketType.Stream, ProtocolType.Tcp);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "'options.Family' (AddressFamily.InterNetwork)", "Socket",
                "; no automatic fix: the family comes from 'options.Family' (AddressFamily.InterNetwork); make that default dual-stack, or create the socket without a family when none is configured").WithLocation(1));
            await test.RunAsync();
        }

        [Fact]
        public async Task SocketWithTtlIsReportOnlyAndSaysWhy()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Client
                    {
                        void Run(string host, int port)
                        {
                            var socket = new Socket({|#0:AddressFamily.InterNetwork|}, SocketType.Dgram, ProtocolType.Udp);
                            socket.Ttl = 4;
                            socket.Connect(host, port);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "AddressFamily.InterNetwork", "Socket",
                "; no automatic fix: 'socket' also uses Ttl, which a dual-stack socket applies to IPv4 traffic only"));
            await test.RunAsync();
        }

        [Fact]
        public async Task NetFrameworkClientConnectingByHostNameIsReportOnly()
        {
            // .NET Framework's TcpClient.Connect(host, port) only tries addresses of the client's own family.
            var test = new Analyze
            {
                ReferenceAssemblies = TestReferences.Net461,
                TestCode = UsingsNoTasks + """
                    class Client
                    {
                        void Run(string host, int port)
                        {
                            var client = new TcpClient({|#0:AddressFamily.InterNetwork|});
                            client.Connect(host, port);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "AddressFamily.InterNetwork", "TcpClient",
                "; no automatic fix: on this target TcpClient tries only addresses of its own family when given a host name, so a dual-mode IPv6 client would lose IPv4 servers"));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Connect(host, port);")]
        [InlineData("var c = new TcpClient(); c.Connect(host, port);")]
        [InlineData("var c = new TcpClient(host, port);")]
        [InlineData("var u = new UdpClient(AddressFamily.InterNetworkV6); u.Client.DualMode = true;")]
        [InlineData("var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp); s.Connect(address, port);")]
        [InlineData("var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);")]
        [InlineData("var ping = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Icmp);")]
        [InlineData("if (!Socket.OSSupportsIPv6) { var u = new UdpClient(port); }")]
        [InlineData("var u = Socket.OSSupportsIPv6 ? new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } } : new UdpClient();")]
        [InlineData("var s = Socket.OSSupportsIPv6 ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);")]
        [InlineData("if (address.AddressFamily == AddressFamily.InterNetwork) { var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); }")]
        [InlineData("switch (address.AddressFamily) { case AddressFamily.InterNetwork: var c = new TcpClient(AddressFamily.InterNetwork); break; }")]
        [InlineData("try { var c6 = new UdpClient(port, AddressFamily.InterNetworkV6); } catch (SocketException) { var c4 = new UdpClient(port); }")]
        [InlineData("var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(IPAddress.Any, port)); s.Listen(10);")]
        [InlineData("var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(IPAddress.Loopback, port));")]
        [InlineData("var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(IPAddress.Parse(\"10.0.0.5\"), 0));")]
        [InlineData("var u = new UdpClient(); u.Client.Bind(new IPEndPoint(IPAddress.Any, port));")]
        [InlineData("var dhcp = new UdpClient(68);")]
        [InlineData("var nbns = new UdpClient(137, AddressFamily.InterNetwork);")]
        [InlineData("var v4 = new UdpClient(port, AddressFamily.InterNetwork); var v6 = new UdpClient(port, AddressFamily.InterNetworkV6);")]
        [InlineData("var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);")]
        public Task DualStackCorrectCodeIsSilent(string statements) => FlagsAsync($$"""
            class Client
            {
                void Run(IPAddress address, string host, int port)
                {
                    {{statements}}
                }
            }
            """);

        [Fact]
        public Task ConnectCallbackSocketIsLeftToDS0011() => FlagsAsync("""
            class Factory
            {
                System.Net.Http.HttpClient Create() => new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler
                {
                    ConnectCallback = async (context, cancellationToken) =>
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    },
                });
            }
            """);

        [Fact]
        public Task TheUdpHelperOurFixesEmitIsSilent() => FlagsAsync("""
            class Receiver
            {
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
            """);

        [Fact]
        public Task BroadcastTypeIsSilent() => FlagsAsync("""
            class Discovery
            {
                void Announce(int port)
                {
                    var udp = new UdpClient();
                    udp.EnableBroadcast = true;
                    udp.Send(new byte[1], 1, new IPEndPoint(IPAddress.Broadcast, port));
                }
            }
            """);

        [Fact]
        public Task IPv4MulticastTypeIsSilent() => FlagsAsync("""
            class Ssdp
            {
                void Join()
                {
                    var udp = new UdpClient(1900);
                    udp.JoinMulticastGroup(IPAddress.Parse("239.255.255.250"));
                }
            }
            """);

        [Fact]
        public Task TypesNamedByTheOptionAreSilent() => new Analyze
        {
            TestState =
            {
                Sources = { Sources.Usings + "namespace MyCompany.Dhcp { class Client { UdpClient Open() => new UdpClient(); } }" },
                AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\ndualstack.ipv4_only_types = MyCompany.Dhcp.*\n") },
            },
        }.RunAsync();

        [Fact]
        public Task SuppressedAndGeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources =
                {
                    ("Client.g.cs", "// <auto-generated/>\n" + Sources.Usings + "class A { UdpClient Open() => new UdpClient(); }"),
                    Sources.Usings + "class B {\n#pragma warning disable DS0010\n UdpClient Open() => new UdpClient();\n#pragma warning restore DS0010\n}",
                },
            },
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, );")]
        [InlineData("var s = new Socket(AddressFamily.InterNetwork")]
        [InlineData("var s = new Socket(AddressFamily., SocketType.Stream, ProtocolType.Tcp);")]
        [InlineData("var u = new UdpClient(port, AddressFamily.InterNetwork, 3);")]
        [InlineData("var u = new UdpClient(Undefined.Family);")]
        [InlineData("var c = new TcpClient(AddressFamily.InterNetwork) { NoDelay = };")]
        [InlineData("AddressFamily f = ; var s = new Socket(f, SocketType.Stream, ProtocolType.Tcp);")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + "class Client { void Run(int port) { " + statements + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Clear();
            await IncompleteCode.RunAsync(test);
        }

        // ---- Fixes --------------------------------------------------------------------------------------------

        [Fact]
        public Task SocketBecomesDualStack() => new Fix
        {
            TestCode = Sources.Usings + """
                class Client
                {
                    void Run(string host, int port)
                    {
                        // keep this comment
                        var socket = new Socket({|DS0010:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp); // and this one
                        socket.Connect(host, port);
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Client
                {
                    void Run(string host, int port)
                    {
                        // keep this comment
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp); // and this one
                        socket.Connect(host, port);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task SocketOnNetFrameworkGetsAnExplicitFallback() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = UsingsNoTasks + """
                class Client
                {
                    Socket Open() => new Socket({|DS0010:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp);
                }
                """,
            FixedCode = UsingsNoTasks + """
                class Client
                {
                    Socket Open() => Socket.OSSupportsIPv6 ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                }
                """,
        }.RunAsync();

        [Fact]
        public Task FamilyLocalIsRemovedWithTheCreation() => new Fix
        {
            TestCode = Sources.Usings + """
                class Client
                {
                    Socket Open()
                    {
                        var family = {|#1:AddressFamily.InterNetwork|};
                        return new Socket({|#0:family|}, SocketType.Stream, ProtocolType.Tcp);
                    }
                }
                """,
            ExpectedDiagnostics = { Diagnostic(0, "'family' (AddressFamily.InterNetwork)", "Socket").WithLocation(1) },
            FixedCode = Sources.Usings + """
                class Client
                {
                    Socket Open()
                    {
                        return new Socket(SocketType.Stream, ProtocolType.Tcp);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task TcpClientBecomesDefaultConstructor() => new Fix
        {
            TestCode = Sources.Usings + """
                class Client
                {
                    async Task Run(string host, int port)
                    {
                        using var client = new TcpClient({|DS0010:AddressFamily.InterNetwork|});
                        await client.ConnectAsync(host, port);
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Client
                {
                    async Task Run(string host, int port)
                    {
                        using var client = new TcpClient();
                        await client.ConnectAsync(host, port);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task TcpClientOnNetFrameworkBecomesAGuardedDualModeClient() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = UsingsNoTasks + """
                class Client
                {
                    void Run(IPAddress[] addresses, int port)
                    {
                        var client = {|DS0010:new TcpClient()|};
                        client.Connect(addresses, port);
                    }
                }
                """,
            FixedCode = UsingsNoTasks + """
                class Client
                {
                    void Run(IPAddress[] addresses, int port)
                    {
                        var client = Socket.OSSupportsIPv6 ? new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } } : new TcpClient();
                        client.Connect(addresses, port);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task BoundUdpClientGetsTheDualStackHelper() => new Fix
        {
            TestCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient A(int port) => {|DS0010:new UdpClient(port)|};
                    UdpClient B(int port) => new UdpClient(port, {|DS0010:AddressFamily.InterNetwork|});
                }
                """,
            FixedCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient A(int port) => CreateDualStackUdpClient(port);
                    UdpClient B(int port) => CreateDualStackUdpClient(port);

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
            NumberOfFixAllIterations = 1,
            NumberOfIncrementalIterations = 2,
        }.RunAsync();

        [Fact]
        public Task UnboundUdpClientBecomesAGuardedDualModeClient() => new Fix
        {
            TestCode = Sources.Usings + """
                class Sender
                {
                    void Send(string host, int port)
                    {
                        using var udp = {|DS0010:new UdpClient()|};
                        udp.Send(new byte[] { 1 }, 1, host, port);
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Sender
                {
                    void Send(string host, int port)
                    {
                        using var udp = Socket.OSSupportsIPv6 ? new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } } : new UdpClient();
                        udp.Send(new byte[] { 1 }, 1, host, port);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task TopLevelBoundUdpClientGetsALocalHelper() => new Fix
        {
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                Sources =
                {
                    Sources.Usings + """
                        using var udp = {|DS0010:new UdpClient(5000)|};
                        var result = await udp.ReceiveAsync();
                        Console.WriteLine(result.RemoteEndPoint);
                        """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    Sources.Usings + """
                        using var udp = CreateDualStackUdpClient(5000);
                        var result = await udp.ReceiveAsync();
                        Console.WriteLine(result.RemoteEndPoint);

                        // A UdpClient bound to the port for IPv4 and IPv6 where the OS has IPv6, and for IPv4 where it has not.
                        static UdpClient CreateDualStackUdpClient(int port)
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
                        """,
                },
            },
        }.RunAsync();

        [Fact]
        public Task FixAllWorksAcrossDocumentsAndKinds() => new Fix
        {
            TestState =
            {
                Sources =
                {
                    ("/0/A.cs", Sources.Usings + """
                        class A
                        {
                            Socket S() => new Socket({|DS0010:AddressFamily.InterNetwork|}, SocketType.Stream, ProtocolType.Tcp);
                            TcpClient T() => new TcpClient({|DS0010:AddressFamily.InterNetwork|});
                            UdpClient U(int port) => {|DS0010:new UdpClient(port)|};
                            UdpClient V() => {|DS0010:new UdpClient()|};
                        }
                        """),
                    ("/0/B.cs", Sources.Usings + """
                        class B
                        {
                            UdpClient U() => {|DS0010:new UdpClient(9000)|};
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/A.cs", Sources.Usings + """
                        class A
                        {
                            Socket S() => new Socket(SocketType.Stream, ProtocolType.Tcp);
                            TcpClient T() => new TcpClient();
                            UdpClient U(int port) => CreateDualStackUdpClient(port);
                            UdpClient V() => Socket.OSSupportsIPv6 ? new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } } : new UdpClient();

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
                        """),
                    ("/0/B.cs", Sources.Usings + """
                        class B
                        {
                            UdpClient U() => CreateDualStackUdpClient(9000);

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
                        """),
                },
            },
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfIncrementalIterations = 5,
        }.RunAsync();

        [Fact]
        public Task ReportOnlyDiagnosticsOfferNoFix() => new Fix
        {
            TestCode = Sources.Usings + """
                class Client
                {
                    Socket Open(AddressFamily family = {|#1:AddressFamily.InterNetwork|}) => new Socket({|#0:family|}, SocketType.Stream, ProtocolType.Tcp);
                }
                """,
            ExpectedDiagnostics =
            {
                Diagnostic(0, "'family' (default AddressFamily.InterNetwork)", "Socket",
                    "; no automatic fix: the family comes from 'family' (default AddressFamily.InterNetwork); make that default dual-stack, or create the socket without a family when none is configured").WithLocation(1),
            },
            FixedCode = Sources.Usings + """
                class Client
                {
                    Socket Open(AddressFamily family = {|#1:AddressFamily.InterNetwork|}) => new Socket({|#0:family|}, SocketType.Stream, ProtocolType.Tcp);
                }
                """,
        }.RunAsync();
    }
}
