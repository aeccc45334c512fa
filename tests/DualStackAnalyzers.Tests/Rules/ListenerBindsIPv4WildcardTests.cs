using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<ListenerBindsIPv4WildcardAnalyzer>;
    using Fix = CodeFixTest<ListenerBindsIPv4WildcardAnalyzer, ListenerBindsIPv4WildcardFixer>;

    public class ListenerBindsIPv4WildcardTests
    {
        private static Task FlagsAsync(string body, ReferenceAssemblies? references = null)
        {
            var test = new Analyze { TestCode = Sources.Usings + body };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            return test.RunAsync();
        }

        private static Task KestrelAsync(string body) => new Analyze
        {
            TestCode = Sources.KestrelUsings + body,
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        // ---- Flagged forms -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("new TcpListener({|DS0001:IPAddress.Any|}, port)")]
        [InlineData("new TcpListener({|DS0001:IPAddress.Parse(\"0.0.0.0\")|}, port)")]
        [InlineData("new TcpListener({|DS0001:new IPAddress(0)|}, port)")]
        [InlineData("new TcpListener({|DS0001:new IPAddress(new byte[] { 0, 0, 0, 0 })|}, port)")]
        [InlineData("new TcpListener(new IPEndPoint({|DS0001:IPAddress.Any|}, port))")]
        [InlineData("new TcpListener(localaddr: {|DS0001:IPAddress.Any|}, port: port)")]
        [InlineData("new TcpListener({|DS0001:System.Net.IPAddress.Any|}, port)")]
        public Task TcpListenerOnAnyIsFlagged(string creation) => FlagsAsync($$"""
            class Server
            {
                TcpListener Start(int port)
                {
                    var listener = {{creation}};
                    listener.Start();
                    return listener;
                }
            }
            """);

        [Fact]
        public Task ObsoletePortOnlyConstructorIsFlagged() => FlagsAsync("""
            class Server
            {
            #pragma warning disable CS0618
                TcpListener Listener = {|DS0001:new TcpListener(8080)|};
            }
            """);

        [Fact]
        public Task SocketBindOnAnyIsFlagged() => FlagsAsync("""
            class Server
            {
                void Run(int port)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint({|DS0001:IPAddress.Any|}, port));
                    socket.Listen(100);
                }
            }
            """);

        [Fact]
        public Task UdpClientBoundToAnyIsFlagged() => FlagsAsync("""
            class Receiver
            {
                UdpClient Open(int port) => new UdpClient(new IPEndPoint({|DS0001:IPAddress.Any|}, port));
            }
            """);

        [Fact]
        public async Task ValueThroughLocalIsReportedAtTheBindWithTheOriginAsAdditionalLocation()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        void Run(int port)
                        {
                            var address = {|#1:IPAddress.Any|};
                            var listener = new TcpListener({|#0:address|}, port);
                            listener.Start();
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.Rule)
                .WithLocation(0).WithLocation(1).WithArguments("'address' (IPAddress.Any)", string.Empty));
            await test.RunAsync();
        }

        [Fact]
        public async Task ValueThroughStaticReadonlyFieldAndEndpointLocalIsFlagged()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        private static readonly IPAddress BindAddress = {|#1:IPAddress.Any|};

                        void Run(Socket socket, int port)
                        {
                            var endpoint = new IPEndPoint({|#0:BindAddress|}, port);
                            socket.Bind(endpoint);
                        }
                    }
                    """,
            };
            // The endpoint is a local: reported at the address inside it; the field's initializer is the other end.
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.Rule)
                .WithSpan(12, 21, 12, 29).WithLocation(1).WithArguments("'endpoint' (IPAddress.Any)", string.Empty));
            await test.RunAsync();
        }

        [Fact]
        public Task ConstantAddressTextIsFlagged() => FlagsAsync("""
            static class Defaults { public const string BindAll = "0.0.0.0"; }
            class Server
            {
                TcpListener Create(int port) => new TcpListener({|DS0001:IPAddress.Parse(Defaults.BindAll)|}, port);
            }
            """);

        [Fact]
        public Task KestrelListenOnAnyIsFlagged() => KestrelAsync("""
            class Startup
            {
                void Configure(KestrelServerOptions options)
                {
                    options.Listen({|DS0001:IPAddress.Any|}, 5000);
                    options.Listen(new IPEndPoint({|DS0001:IPAddress.Any|}, 5001), listen => listen.UseConnectionLogging());
                }
            }
            """);

        [Fact]
        public Task KestrelInTopLevelStatementsIsFlagged() => new Analyze
        {
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                Sources =
                {
                    Sources.KestrelUsings + """
                        var builder = WebApplication.CreateBuilder(args);
                        builder.WebHost.ConfigureKestrel(o => o.Listen({|DS0001:IPAddress.Any|}, 8080));
                        var app = builder.Build();
                        app.Run();
                        """,
                },
            },
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        [Fact]
        public async Task KestrelPairReportsRemoveTheIPv4Listener()
        {
            var test = new Analyze
            {
                TestCode = Sources.KestrelUsings + """
                    class Startup
                    {
                        void Configure(KestrelServerOptions options, int port)
                        {
                            options.Listen({|#0:IPAddress.Any|}, port);
                            options.Listen(IPAddress.IPv6Any, port);
                        }
                    }
                    """,
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.KestrelPairRule).WithLocation(0).WithArguments("IPAddress.Any"));
            await test.RunAsync();
        }

        [Fact]
        public async Task RestartedListenerIsReportOnlyAndSaysWhy()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        private readonly TcpListener listener = new TcpListener({|#0:IPAddress.Any|}, 9000);
                        public void Start() => listener.Start();
                        public void Stop() => listener.Stop();
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.Rule).WithLocation(0).WithArguments(
                "IPAddress.Any",
                "; no automatic fix: the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()"));
            await test.RunAsync();
        }

        [Fact]
        public async Task SocketWithIPv4LevelOptionsIsReportOnlyAndSaysWhy()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        void Run(int port)
                        {
                            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                            socket.Ttl = 16;
                            socket.Bind(new IPEndPoint({|#0:IPAddress.Any|}, port));
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.Rule).WithLocation(0).WithArguments(
                "IPAddress.Any", "; no automatic fix: 'socket' also uses Ttl, which a dual-stack socket applies to IPv4 traffic only"));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("EndPoint remote = new IPEndPoint(IPAddress.Any, 0); socket.ReceiveFrom(new byte[10], ref remote);")]
        [InlineData("var isAny = address.Equals(IPAddress.Any) || address == IPAddress.Any;")]
        [InlineData("var endpoint = new IPEndPoint(IPAddress.Any, port); Console.WriteLine(endpoint);")]
        [InlineData("var listener = TcpListener.Create(port); listener.Start();")]
        [InlineData("var listener = new TcpListener(IPAddress.IPv6Any, port); listener.Server.DualMode = true; listener.Start();")]
        [InlineData("var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(s.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));")]
        [InlineData("var listener = new TcpListener(IPAddress.Loopback, port);")]
        [InlineData("var listener = new TcpListener(address, port);")]
        [InlineData("var listener = new TcpListener(IPAddress.Parse(\"10.1.2.3\"), port);")]
        [InlineData("if (!Socket.OSSupportsIPv6) { var v4 = new TcpListener(IPAddress.Any, port); v4.Start(); }")]
        [InlineData("var l = Socket.OSSupportsIPv6 ? TcpListener.Create(port) : new TcpListener(IPAddress.Any, port);")]
        [InlineData("if (Socket.OSSupportsIPv6) { return; } var v4 = new TcpListener(IPAddress.Any, port);")]
        [InlineData("switch (socket.AddressFamily) { case AddressFamily.InterNetwork: socket.Bind(new IPEndPoint(IPAddress.Any, port)); break; default: socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port)); break; }")]
        [InlineData("try { var l6 = new TcpListener(IPAddress.IPv6Any, port); l6.Server.DualMode = true; l6.Start(); } catch (SocketException) { var l4 = new TcpListener(IPAddress.Any, port); l4.Start(); }")]
        [InlineData("var v4 = new TcpListener(IPAddress.Any, port); var v6 = new TcpListener(IPAddress.IPv6Any, port); v4.Start(); v6.Start();")]
        [InlineData("var dhcp = new UdpClient(new IPEndPoint(IPAddress.Any, 67));")]
        [InlineData("var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp); raw.Bind(new IPEndPoint(IPAddress.Any, 0));")]
        public Task DualStackCorrectCodeIsSilent(string statements) => FlagsAsync($$"""
            class Server
            {
                void Run(Socket socket, IPAddress address, int port)
                {
                    {{statements}}
                }
            }
            """);

        [Fact]
        public Task BroadcastProtocolTypeIsSilent() => FlagsAsync("""
            class Discovery
            {
                void Announce(int port)
                {
                    var udp = new UdpClient(new IPEndPoint(IPAddress.Any, port));
                    udp.EnableBroadcast = true;
                    udp.Send(new byte[1], 1, new IPEndPoint(IPAddress.Broadcast, port));
                }
            }
            """);

        [Fact]
        public Task ABroadcastMethodIsNotTheBroadcastAddress() => FlagsAsync("""
            class ChatServer
            {
                TcpListener Open(int port) => new TcpListener({|DS0001:IPAddress.Any|}, port);
                void Broadcast(string message) { }
                void Send() => Broadcast("hi");
            }
            """);

        [Fact]
        public Task IPv4MulticastTypeIsSilent() => FlagsAsync("""
            class Ssdp
            {
                void Join(int port)
                {
                    var udp = new UdpClient(new IPEndPoint(IPAddress.Any, port));
                    udp.JoinMulticastGroup(IPAddress.Parse("239.255.255.250"));
                }
            }
            """);

        [Fact]
        public Task TypesNamedByTheOptionAreSilent() => new Analyze
        {
            TestState =
            {
                Sources = { Sources.Usings + "namespace MyCompany.Dhcp { class Server { TcpListener L(int p) => new TcpListener(IPAddress.Any, p); } }" },
                AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\ndualstack.ipv4_only_types = MyCompany.Dhcp.*\n") },
            },
        }.RunAsync();

        [Fact]
        public Task GeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources = { ("Server.g.cs", "// <auto-generated/>\n" + Sources.Usings + "class Server { TcpListener L(int p) => new TcpListener(IPAddress.Any, p); }") },
            },
        }.RunAsync();

        /// <summary>Code marked [GeneratedCode] (on the type or the member) is generated too, whatever the file is called.</summary>
        [Fact]
        public Task GeneratedCodeAttributeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources =
                {
                    Sources.Usings + """
                        [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                        class GeneratedServer { TcpListener L(int p) => new TcpListener(IPAddress.Any, p); }

                        class Server
                        {
                            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                            TcpListener Generated(int p) => new TcpListener(IPAddress.Any, p);

                            TcpListener Written(int p) => new TcpListener({|DS0001:IPAddress.Any|}, p);
                        }
                        """,
                },
            },
        }.RunAsync();

        [Fact]
        public Task SuppressedByPragmaIsSilent() => FlagsAsync("""
            class Server
            {
            #pragma warning disable DS0001
                TcpListener L(int p) => new TcpListener(IPAddress.Any, p);
            #pragma warning restore DS0001
            }
            """);

        [Fact]
        public Task KestrelListenAnyIPAndIPv6AnyAreSilentHere() => KestrelAsync("""
            class Startup
            {
                void Configure(KestrelServerOptions options)
                {
                    options.ListenAnyIP(5000);
                    options.ListenLocalhost(5001);
                    options.Listen(IPAddress.IPv6Any, 5002);
                }
            }
            """);

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new TcpListener(IPAddress.Any, );")]
        [InlineData("var l = new TcpListener(IPAddress.Any")]
        [InlineData("var l = new TcpListener(IPAddress.);")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.Any));")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.Any, port, 3));")]
        [InlineData("var l = new TcpListener(Undefined.Any, port);")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + "class Server { void Run(Socket socket, int port) { " + statements + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            // Whatever is reported, AD0001 (an analyzer exception) must not be.
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            test.ExpectedDiagnostics.Clear();
            await IncompleteCode.RunAsync(test);
        }

        // ---- Fixes --------------------------------------------------------------------------------------------

        [Fact]
        public Task TcpListenerBecomesCreate() => new Fix
        {
            TestCode = Sources.Usings + """
                class Server
                {
                    TcpListener Start(int port)
                    {
                        // keep this comment
                        var listener = new TcpListener({|DS0001:IPAddress.Any|}, port); // and this one
                        listener.Start();
                        return listener;
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Server
                {
                    TcpListener Start(int port)
                    {
                        // keep this comment
                        var listener = TcpListener.Create(port); // and this one
                        listener.Start();
                        return listener;
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task TcpListenerOnNetFrameworkGetsAnExplicitFallback() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty) + """
                class Server
                {
                    TcpListener Listener(int port) => new TcpListener({|DS0001:IPAddress.Any|}, port);
                }
                """,
            FixedCode = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty) + """
                class Server
                {
                    TcpListener Listener(int port) => Socket.OSSupportsIPv6 ? TcpListener.Create(port) : new TcpListener(IPAddress.Any, port);
                }
                """,
        }.RunAsync();

        [Fact]
        public Task SocketInANetStandardLibraryGetsAnExplicitFallback() => new Fix
        {
            ReferenceAssemblies = TestReferences.NetStandard20,
            TestCode = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty) + """
                class Server
                {
                    Socket Open(int port)
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint({|DS0001:IPAddress.Any|}, port));
                        return socket;
                    }
                }
                """,
            FixedCode = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty) + """
                class Server
                {
                    Socket Open(int port)
                    {
                        var socket = Socket.OSSupportsIPv6 ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                        return socket;
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task TcpListenerSecondActionSetsDualModeBeforeStart() => new Fix
        {
            CodeActionEquivalenceKey = ListenerBindsIPv4WildcardFixer.IPv6AnyDualModeKey,
            CodeActionIndex = 1,
            TestCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var listener = new TcpListener({|DS0001:IPAddress.Any|}, port);
                        listener.Start();
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var listener = new TcpListener(IPAddress.IPv6Any, port);
                        listener.Server.DualMode = true;
                        listener.Start();
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task SocketBecomesDualWithFamilyGuardedBind() => new Fix
        {
            TestCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint({|DS0001:IPAddress.Any|}, port));
                        socket.Listen(10);
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                        socket.Listen(10);
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task SocketWithEndpointLocalDeclaredFirstIsFixed() => new Fix
        {
            TestCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var endpoint = new IPEndPoint(IPAddress.Any, port);
                        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind({|#0:endpoint|});
                    }
                }
                """,
            ExpectedDiagnostics = { new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.Rule).WithLocation(0).WithSpan(9, 39, 9, 52).WithArguments("'endpoint' (IPAddress.Any)", string.Empty) },
            FixedCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var endpoint = new IPEndPoint(IPAddress.Any, port);
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task UdpClientGetsTheDualStackHelper() => new Fix
        {
            TestCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient A(int port) => new UdpClient(new IPEndPoint({|DS0001:IPAddress.Any|}, port));
                    UdpClient B() => new UdpClient(new IPEndPoint({|DS0001:IPAddress.Any|}, 9001));
                }
                """,
            FixedCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient A(int port) => CreateDualStackUdpClient(port);
                    UdpClient B() => CreateDualStackUdpClient(9001);

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
        public Task KestrelListenBecomesListenAnyIPKeepingTheLambda() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = Sources.KestrelUsings + """
                class Startup
                {
                    void Configure(KestrelServerOptions options)
                    {
                        options.Listen({|DS0001:IPAddress.Any|}, 5000);
                        options.Listen(new IPEndPoint({|DS0001:IPAddress.Any|}, 5001), listen =>
                        {
                            listen.UseConnectionLogging();
                        });
                    }
                }
                """,
            FixedCode = Sources.KestrelUsings + """
                class Startup
                {
                    void Configure(KestrelServerOptions options)
                    {
                        options.ListenAnyIP(5000);
                        options.ListenAnyIP(5001, listen =>
                        {
                            listen.UseConnectionLogging();
                        });
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task KestrelPairLosesItsIPv4Listener() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = Sources.KestrelUsings + """
                class Startup
                {
                    void Configure(KestrelServerOptions options, int port)
                    {
                        options.Listen({|#0:IPAddress.Any|}, port);
                        options.Listen(IPAddress.IPv6Any, port, o => o.UseConnectionLogging());
                    }
                }
                """,
            ExpectedDiagnostics = { new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.KestrelPairRule).WithLocation(0).WithArguments("IPAddress.Any") },
            FixedCode = Sources.KestrelUsings + """
                class Startup
                {
                    void Configure(KestrelServerOptions options, int port)
                    {
                        options.ListenAnyIP(port, o => o.UseConnectionLogging());
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task FixAllFixesEveryKindInTheDocument() => new Fix
        {
            TestCode = Sources.Usings + """
                class Servers
                {
                    TcpListener A(int port) => new TcpListener({|DS0001:IPAddress.Any|}, port);
                #pragma warning disable CS0618
                    TcpListener B() => {|DS0001:new TcpListener(7000)|};
                #pragma warning restore CS0618
                    void C(int port)
                    {
                        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint({|DS0001:IPAddress.Parse("0.0.0.0")|}, port));
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Servers
                {
                    TcpListener A(int port) => TcpListener.Create(port);
                #pragma warning disable CS0618
                    TcpListener B() => TcpListener.Create(7000);
                #pragma warning restore CS0618
                    void C(int port)
                    {
                        var s = new Socket(SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint(s.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task ReportOnlyDiagnosticsOfferNoFix() => new Fix
        {
            TestCode = Sources.Usings + """
                class Server
                {
                    private readonly TcpListener listener = new TcpListener({|#0:IPAddress.Any|}, 9000);
                    public void Start() => listener.Start();
                    public void Stop() => listener.Stop();
                }
                """,
            ExpectedDiagnostics =
            {
                new DiagnosticResult(ListenerBindsIPv4WildcardAnalyzer.Rule).WithLocation(0).WithArguments(
                    "IPAddress.Any",
                    "; no automatic fix: the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()"),
            },
            FixedCode = Sources.Usings + """
                class Server
                {
                    private readonly TcpListener listener = new TcpListener({|#0:IPAddress.Any|}, 9000);
                    public void Start() => listener.Start();
                    public void Stop() => listener.Stop();
                }
                """,
        }.RunAsync();
    }
}
