using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<IPv6OnlyListenerAnalyzer>;
    using Fix = CodeFixTest<IPv6OnlyListenerAnalyzer, IPv6OnlyListenerFixer>;

    public class IPv6OnlyListenerTests
    {
        private const string ConstructorNote = "; UdpClient binds in its constructor, so DualMode cannot be set afterwards";

        private static readonly string UsingsNoTasks = Sources.Usings.Replace("using System.Threading.Tasks;\n", string.Empty);

        private static Task FlagsAsync(string body) => new Analyze { TestCode = Sources.Usings + body }.RunAsync();

        private static DiagnosticResult Diagnostic(int location, string display, string suffix = "")
            => new DiagnosticResult(IPv6OnlyListenerAnalyzer.Rule).WithLocation(location).WithArguments(display, suffix);

        // ---- Flagged forms -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var listener = new TcpListener({|DS0003:IPAddress.IPv6Any|}, port); listener.Start();")]
        [InlineData("var listener = new TcpListener(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port)); listener.Start();")]
        [InlineData("var listener = new TcpListener({|DS0003:IPAddress.Parse(\"::\")|}, port); listener.Start();")]
        [InlineData("var listener = new TcpListener({|DS0003:IPAddress.IPv6None|}, port); listener.Start();")]
        [InlineData("new TcpListener({|DS0003:IPAddress.IPv6Any|}, port).Start();")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port)); s.Listen(10);")]
        [InlineData("var s = new Socket(family, SocketType.Dgram, ProtocolType.Udp); s.Bind(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port));")]
        [InlineData("var u = new UdpClient(AddressFamily.InterNetworkV6); u.Client.Bind(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port));")]
        [InlineData("var l = Socket.OSSupportsIPv6 ? new TcpListener({|DS0003:IPAddress.IPv6Any|}, port) : new TcpListener(IPAddress.Any, port); l.Start();")]
        [InlineData("try { var l6 = new TcpListener({|DS0003:IPAddress.IPv6Any|}, port); l6.Start(); } catch (SocketException) { var l4 = new TcpListener(IPAddress.Any, port); l4.Start(); }")]
        public Task IPv6OnlyListenersAreFlagged(string statements) => FlagsAsync($$"""
            class Server
            {
                void Run(AddressFamily family, int port)
                {
                    {{statements}}
                }
            }
            """);

        [Fact]
        public async Task UdpClientBoundInItsConstructorIsFlagged()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Receiver
                    {
                        UdpClient A(int port) => new UdpClient(port, {|#0:AddressFamily.InterNetworkV6|});
                        UdpClient B(int port) => new UdpClient(new IPEndPoint({|#1:IPAddress.IPv6Any|}, port));
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "AddressFamily.InterNetworkV6", ConstructorNote));
            test.ExpectedDiagnostics.Add(Diagnostic(1, "IPAddress.IPv6Any", ConstructorNote));
            await test.RunAsync();
        }

        [Fact]
        public async Task DualModeSetAfterStartIsTooLate()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        void Run(int port)
                        {
                            var listener = new TcpListener({|#0:IPAddress.IPv6Any|}, port);
                            listener.Start();
                            listener.Server.DualMode = true;
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "IPAddress.IPv6Any", "; DualMode = true comes only after Start(), where it throws"));
            await test.RunAsync();
        }

        [Fact]
        public async Task AddressThroughALocalIsReportedAtTheBindWithTheOrigin()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        private Socket socket;

                        Server() => socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);

                        void Start(int port)
                        {
                            var any = {|#1:IPAddress.IPv6Any|};
                            socket.Bind(new IPEndPoint({|#0:any|}, port));
                            socket.Listen(100);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "'any' (IPAddress.IPv6Any)").WithLocation(1));
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
                        private readonly TcpListener listener = new TcpListener({|#0:IPAddress.IPv6Any|}, 9000);
                        public void Start() => listener.Start();
                        public void Stop() => listener.Stop();
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Diagnostic(0, "IPAddress.IPv6Any",
                "; no automatic fix: the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()"));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.DualMode = true; l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.DualMode = false; l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, false); l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true); l.Start();")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp); s.SetSocketOption(SocketOptionLevel.IPv6, (SocketOptionName)27, 0); s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.DualMode = dual; l.Start();")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp); s.DualMode = true; s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true }; s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(s.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("var l = TcpListener.Create(port); l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Loopback, port); l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.Parse(\"fd00::1\"), port); l.Start();")]
        [InlineData("var u = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, port));")]
        [InlineData("var v4 = new TcpListener(IPAddress.Any, port); var v6 = new TcpListener(IPAddress.IPv6Any, port); v4.Start(); v6.Start();")]
        [InlineData("var v4 = new UdpClient(port, AddressFamily.InterNetwork); var v6 = new UdpClient(port, AddressFamily.InterNetworkV6);")]
        [InlineData("var v4 = new UdpClient(port); var v6 = new UdpClient(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("if (family == AddressFamily.InterNetworkV6) { socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port)); } else { socket.Bind(new IPEndPoint(IPAddress.Any, port)); }")]
        [InlineData("var s = new Socket(family, SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));")]
        public Task DualStackCorrectCodeIsSilent(string statements) => FlagsAsync($$"""
            class Server
            {
                void Run(Socket socket, AddressFamily family, bool dual, int port)
                {
                    {{statements}}
                }
            }
            """);

        [Fact]
        public Task DualModeSetInAnotherMemberBeforeStartIsSilent() => FlagsAsync("""
            class Server
            {
                private readonly TcpListener listener = new TcpListener(IPAddress.IPv6Any, 9000);

                public void Start()
                {
                    listener.Server.DualMode = true;
                    listener.Start();
                }
            }
            """);

        [Fact]
        public Task SocketHandedToAHelperThatSetsDualModeIsSilent() => FlagsAsync("""
            class Server
            {
                void Run(int port)
                {
                    var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                    Configure(socket);
                    socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                }

                static void Configure(Socket s) => s.DualMode = true;
            }
            """);

        [Fact]
        public Task IPv6MulticastSocketIsPerFamilyAndSilent() => FlagsAsync("""
            class MdnsV6
            {
                void Join(int port)
                {
                    var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                    s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                    s.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(IPAddress.Parse("ff02::fb")));
                }
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
        public Task KestrelIsNotThisRulesBusiness() => new Analyze
        {
            TestCode = Sources.KestrelUsings + """
                class Startup
                {
                    void Configure(KestrelServerOptions options) => options.Listen(IPAddress.IPv6Any, 5000);
                }
                """,
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        [Fact]
        public Task SuppressedAndGeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources =
                {
                    ("Server.g.cs", "// <auto-generated/>\n" + Sources.Usings + "class A { void S(int p) => new TcpListener(IPAddress.IPv6Any, p).Start(); }"),
                    Sources.Usings + "class B {\n#pragma warning disable DS0003\n void S(int p) => new TcpListener(IPAddress.IPv6Any, p).Start();\n#pragma warning restore DS0003\n}",
                },
            },
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, ); l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any")]
        [InlineData("var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream); s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.IPv6Any));")]
        [InlineData("var u = new UdpClient(port, AddressFamily.);")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.DualMode = ; l.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.IPv6Any, port); l.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only); l.Start();")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + "class Server { void Run(Socket socket, int port) { " + statements + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
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
                        var listener = new TcpListener({|DS0003:IPAddress.IPv6Any|}, port); // and this one
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
        public Task LateDualModeIsRemovedByTheFix() => new Fix
        {
            TestCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var listener = new TcpListener({|#0:IPAddress.IPv6Any|}, port);
                        listener.Start();
                        listener.Server.DualMode = true;
                    }
                }
                """,
            ExpectedDiagnostics = { Diagnostic(0, "IPAddress.IPv6Any", "; DualMode = true comes only after Start(), where it throws") },
            FixedCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var listener = TcpListener.Create(port);
                        listener.Start();
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task TcpListenerSecondActionSetsDualModeBeforeStart() => new Fix
        {
            CodeActionEquivalenceKey = IPv6OnlyListenerFixer.DualModeKey,
            CodeActionIndex = 1,
            TestCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var listener = new TcpListener({|#0:IPAddress.IPv6Any|}, port);
                        listener.Start();
                        listener.Server.DualMode = true;
                    }
                }
                """,
            ExpectedDiagnostics = { Diagnostic(0, "IPAddress.IPv6Any", "; DualMode = true comes only after Start(), where it throws") },
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
        public Task TcpListenerOnNetFrameworkGetsAnExplicitFallback() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = UsingsNoTasks + """
                class Server
                {
                    TcpListener Listener(int port) => new TcpListener({|DS0003:IPAddress.IPv6Any|}, port);
                }
                """,
            FixedCode = UsingsNoTasks + """
                class Server
                {
                    TcpListener Listener(int port) => Socket.OSSupportsIPv6 ? TcpListener.Create(port) : new TcpListener(IPAddress.Any, port);
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
                        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port));
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
        public Task SocketSecondActionSetsDualModeAfterConstruction() => new Fix
        {
            CodeActionEquivalenceKey = IPv6OnlyListenerFixer.DualModeKey,
            CodeActionIndex = 1,
            TestCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port));
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Server
                {
                    void Run(int port)
                    {
                        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                        socket.DualMode = true;
                        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task UdpClientBoundInItsConstructorGetsTheHelper() => new Fix
        {
            TestCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient A(int port) => new UdpClient(port, {|#0:AddressFamily.InterNetworkV6|});
                    UdpClient B() => new UdpClient(new IPEndPoint({|#1:IPAddress.IPv6Any|}, 9001));
                }
                """,
            ExpectedDiagnostics =
            {
                Diagnostic(0, "AddressFamily.InterNetworkV6", ConstructorNote),
                Diagnostic(1, "IPAddress.IPv6Any", ConstructorNote),
            },
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
            NumberOfIncrementalIterations = 2,
        }.RunAsync();

        [Fact]
        public Task UdpClientBoundThroughItsSocketGetsDualModeAfterConstruction() => new Fix
        {
            CodeActionEquivalenceKey = IPv6OnlyListenerFixer.DualModeKey,
            TestCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient Open(int port)
                    {
                        var udp = new UdpClient(AddressFamily.InterNetworkV6);
                        udp.Client.Bind(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port));
                        return udp;
                    }
                }
                """,
            FixedCode = Sources.Usings + """
                class Receiver
                {
                    UdpClient Open(int port)
                    {
                        var udp = new UdpClient(AddressFamily.InterNetworkV6);
                        udp.Client.DualMode = true;
                        udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                        return udp;
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
                    TcpListener A(int port) => new TcpListener({|DS0003:IPAddress.IPv6Any|}, port);
                    UdpClient B(int port) => new UdpClient(port, {|#0:AddressFamily.InterNetworkV6|});
                    void C(int port)
                    {
                        var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint({|DS0003:IPAddress.IPv6Any|}, port));
                    }
                }
                """,
            ExpectedDiagnostics = { Diagnostic(0, "AddressFamily.InterNetworkV6", ConstructorNote) },
            FixedCode = Sources.Usings + """
                class Servers
                {
                    TcpListener A(int port) => TcpListener.Create(port);
                    UdpClient B(int port) => CreateDualStackUdpClient(port);
                    void C(int port)
                    {
                        var s = new Socket(SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint(s.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
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
        public Task ReportOnlyDiagnosticsOfferNoFix() => new Fix
        {
            TestCode = Sources.Usings + """
                class Server
                {
                    private readonly TcpListener listener = new TcpListener({|#0:IPAddress.IPv6Any|}, 9000);
                    public void Start() => listener.Start();
                    public void Stop() => listener.Stop();
                }
                """,
            ExpectedDiagnostics =
            {
                Diagnostic(0, "IPAddress.IPv6Any",
                    "; no automatic fix: the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()"),
            },
            FixedCode = Sources.Usings + """
                class Server
                {
                    private readonly TcpListener listener = new TcpListener({|#0:IPAddress.IPv6Any|}, 9000);
                    public void Start() => listener.Start();
                    public void Stop() => listener.Stop();
                }
                """,
        }.RunAsync();
    }
}
