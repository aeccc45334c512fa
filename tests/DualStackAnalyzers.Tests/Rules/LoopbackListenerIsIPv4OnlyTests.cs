using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<LoopbackListenerIsIPv4OnlyAnalyzer>;
    using Fix = CodeFixTest<LoopbackListenerIsIPv4OnlyAnalyzer, LoopbackListenerIsIPv4OnlyFixer>;

    public class LoopbackListenerIsIPv4OnlyTests
    {
        private const string RawSuffix = "; serving ::1 too needs a second listener on IPAddress.IPv6Loopback that may fail where IPv6 is disabled (no automatic fix)";
        private const string KestrelFixSuffix = "; use ListenLocalhost(port), which binds 127.0.0.1 and ::1";
        private const string UrlFixSuffix = "; use 'localhost' as the host, which binds 127.0.0.1 and ::1";

        private static Task SocketsAsync(string statements) => new Analyze
        {
            TestCode = Sources.Usings + $$"""
                class Server
                {
                    void Run(Socket socket, IPAddress address, int port)
                    {
                        {{statements}}
                    }
                }
                """,
        }.RunAsync();

        private static Task WebAsync(string statements) => new Analyze
        {
            TestCode = UrlBindsIPv4WildcardTests.WebUsings + "using Microsoft.AspNetCore.Server.Kestrel.Core;\n" + $$"""
                class Program
                {
                    static void Main(WebApplicationBuilder builder, WebApplication app, IWebHostBuilder host, KestrelServerOptions options, int port)
                    {
                        {{statements}}
                    }
                }
                """,
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        private static DiagnosticResult Socket(int markup, string display, string suffix = RawSuffix)
            => new DiagnosticResult(LoopbackListenerIsIPv4OnlyAnalyzer.Rule).WithLocation(markup).WithArguments(display, suffix);

        private static DiagnosticResult Url(int markup, string description, string suffix = UrlFixSuffix)
            => new DiagnosticResult(LoopbackListenerIsIPv4OnlyAnalyzer.UrlRule).WithLocation(markup).WithArguments(description, suffix);

        // ---- Flagged forms -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new TcpListener({|#0:IPAddress.Loopback|}, port); l.Start();", "IPAddress.Loopback")]
        [InlineData("var l = new TcpListener({|#0:IPAddress.Parse(\"127.0.0.1\")|}, 0); l.Start();", "IPAddress.Parse(\"127.0.0.1\")")]
        [InlineData("var l = new TcpListener(new IPEndPoint({|#0:IPAddress.Loopback|}, port));", "IPAddress.Loopback")]
        [InlineData("socket.Bind(new IPEndPoint({|#0:IPAddress.Loopback|}, port)); socket.Listen(10);", "IPAddress.Loopback")]
        [InlineData("var udp = new UdpClient(new IPEndPoint({|#0:IPAddress.Loopback|}, 9000));", "IPAddress.Loopback")]
        [InlineData("var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp); s.Bind(new IPEndPoint({|#0:IPAddress.Loopback|}, port)); s.ReceiveFrom(new byte[1], ref Unused);", "IPAddress.Loopback")]
        public async Task SocketListenerOnLoopbackIsReportOnly(string statements, string display)
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + $$"""
                    class Server
                    {
                        static EndPoint Unused = new IPEndPoint(IPAddress.Any, 0);

                        void Run(Socket socket, int port)
                        {
                            {{statements}}
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Socket(0, display));
            await test.RunAsync();
        }

        [Fact]
        public async Task ValueThroughLocalIsReportedAtTheBindWithTheOrigin()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        void Run(int port)
                        {
                            var local = {|#1:IPAddress.Loopback|};
                            var listener = new TcpListener({|#0:local|}, port);
                            listener.Start();
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Socket(0, "'local' (IPAddress.Loopback)").WithLocation(1));
            await test.RunAsync();
        }

        [Fact]
        public async Task KestrelListenOnLoopback()
        {
            var test = new Analyze
            {
                TestCode = Sources.KestrelUsings + """
                    class Startup
                    {
                        void Configure(KestrelServerOptions options, int port)
                        {
                            options.Listen({|#0:IPAddress.Loopback|}, 5000);
                            options.Listen({|#1:IPAddress.Loopback|}, 0);
                            options.Listen(new IPEndPoint({|#2:IPAddress.Loopback|}, port));
                            options.Listen({|#3:IPAddress.Parse("127.0.0.2")|}, 5003);
                        }
                    }
                    """,
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            test.ExpectedDiagnostics.Add(Socket(0, "IPAddress.Loopback", KestrelFixSuffix));
            test.ExpectedDiagnostics.Add(Socket(1, "IPAddress.Loopback", "; no automatic fix: ListenLocalhost needs a constant port other than 0 (Kestrel rejects dynamic ports on localhost)"));
            test.ExpectedDiagnostics.Add(Socket(2, "IPAddress.Loopback", "; no automatic fix: ListenLocalhost needs a constant port other than 0 (Kestrel rejects dynamic ports on localhost)"));
            test.ExpectedDiagnostics.Add(Socket(3, "IPAddress.Parse(\"127.0.0.2\")", "; no automatic fix: the address is not 127.0.0.1, and ListenLocalhost would change it"));
            await test.RunAsync();
        }

        [Fact]
        public async Task UrlHostOnLoopback()
        {
            var test = new Analyze
            {
                TestCode = UrlBindsIPv4WildcardTests.WebUsings + """
                    class Program
                    {
                        static void Main(WebApplication app, IWebHostBuilder host, int port)
                        {
                            host.UseUrls("http://{|#0:127.0.0.1|}:5000", "https://{|#1:127.0.0.1|}");
                            app.Urls.Add("http://{|#2:127.0.0.1|}:0");
                            app.Urls.Add($"http://{|#3:127.0.0.1|}:{port}");
                            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://{|#4:127.0.0.2|}:5000");
                        }
                    }
                    """,
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            const string portZero = "; no automatic fix: Kestrel rejects 'localhost' with port 0, and the port here is not a written port other than 0";
            test.ExpectedDiagnostics.Add(Url(0, "'http://127.0.0.1:5000' given to UseUrls"));
            test.ExpectedDiagnostics.Add(Url(1, "'https://127.0.0.1' given to UseUrls"));
            test.ExpectedDiagnostics.Add(Url(2, "'http://127.0.0.1:0' given to WebApplication.Urls", portZero));
            test.ExpectedDiagnostics.Add(Url(3, "'http://127.0.0.1:' given to WebApplication.Urls", portZero));
            test.ExpectedDiagnostics.Add(Url(4, "'http://127.0.0.2:5000' given to environment variable ASPNETCORE_URLS", "; no automatic fix: the address is not 127.0.0.1, and 'localhost' would change it"));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var c = new TcpClient(); c.Connect(IPAddress.Loopback, port);")]
        [InlineData("var c = new TcpClient(\"127.0.0.1\", port);")]
        [InlineData("socket.Connect(new IPEndPoint(IPAddress.Loopback, port));")]
        [InlineData("var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(IPAddress.Loopback, 0)); s.Connect(IPAddress.Loopback, port);")]
        [InlineData("var u = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)); u.Connect(\"127.0.0.1\", port);")]
        [InlineData("var e = new IPEndPoint(IPAddress.Loopback, port); Console.WriteLine(e);")]
        [InlineData("var isLocal = address.Equals(IPAddress.Loopback);")]
        [InlineData("var v4 = new TcpListener(IPAddress.Loopback, port); var v6 = new TcpListener(IPAddress.IPv6Loopback, port); v4.Start(); v6.Start();")]
        [InlineData("var v6 = new TcpListener(IPAddress.IPv6Loopback, port); v6.Start();")]
        [InlineData("var l = new TcpListener(IPAddress.Any, port);")]
        [InlineData("if (!Socket.OSSupportsIPv6) { var v4 = new TcpListener(IPAddress.Loopback, port); v4.Start(); }")]
        [InlineData("try { var v6 = new TcpListener(IPAddress.IPv6Loopback, port); v6.Start(); } catch (SocketException) { var v4 = new TcpListener(IPAddress.Loopback, port); v4.Start(); }")]
        [InlineData("var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp); raw.Bind(new IPEndPoint(IPAddress.Loopback, 0));")]
        [InlineData("foreach (var a in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }) { new TcpListener(a, port).Start(); }")]
        public Task ClientsPairsAndOtherAddressesAreSilent(string statements) => SocketsAsync(statements);

        [Theory]
        [InlineData("options.ListenLocalhost(5000);")]
        [InlineData("options.Listen(IPAddress.Loopback, 5000); options.Listen(IPAddress.IPv6Loopback, 5000);")]
        [InlineData("host.UseUrls(\"http://localhost:5000\");")]
        [InlineData("host.UseUrls(\"http://127.0.0.1:5000;http://[::1]:5000\");")]
        [InlineData("app.Urls.Add(\"http://127.0.0.1:5000\"); app.Urls.Add(\"http://[::1]:5000\");")]
        [InlineData("_ = new HttpClient().GetAsync(\"http://127.0.0.1:5000/\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"API_URL\", \"http://127.0.0.1:5000\");")]
        public Task WebPairsAndClientsAreSilent(string statements) => WebAsync(statements);

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new TcpListener(IPAddress.Loopback, );")]
        [InlineData("options.Listen(IPAddress.Loopback")]
        [InlineData("options.Listen(IPAddress.Loopback, 5000, );")]
        [InlineData("host.UseUrls(\"http://127.0.0.1:\"")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.Loopback));")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = UrlBindsIPv4WildcardTests.WebUsings + "using Microsoft.AspNetCore.Server.Kestrel.Core;\nclass P { void M(Socket socket, KestrelServerOptions options, IWebHostBuilder host) { " + statements + " } }",
                ReferenceAssemblies = TestReferences.Net80AspNet,
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }

        // ---- Fixes --------------------------------------------------------------------------------------------

        [Fact]
        public Task KestrelBecomesListenLocalhostKeepingTheLambda() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = Sources.KestrelUsings + """
                class Startup
                {
                    const int Port = 5001;

                    void Configure(KestrelServerOptions options)
                    {
                        options.Listen({|#0:IPAddress.Loopback|}, 5000); // admin
                        options.Listen(new IPEndPoint({|#1:IPAddress.Loopback|}, Port), listen =>
                        {
                            listen.UseConnectionLogging();
                        });
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Socket(0, "IPAddress.Loopback", KestrelFixSuffix),
                Socket(1, "IPAddress.Loopback", KestrelFixSuffix),
            },
            FixedCode = Sources.KestrelUsings + """
                class Startup
                {
                    const int Port = 5001;

                    void Configure(KestrelServerOptions options)
                    {
                        options.ListenLocalhost(5000); // admin
                        options.ListenLocalhost(Port, listen =>
                        {
                            listen.UseConnectionLogging();
                        });
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task FixAllRewritesUrlsAndListensAndLeavesReportOnlyOnes() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = UrlBindsIPv4WildcardTests.WebUsings + """
                using Microsoft.AspNetCore.Server.Kestrel.Core;

                class Program
                {
                    static void Main(WebApplicationBuilder builder, KestrelServerOptions options, int port)
                    {
                        builder.WebHost.UseUrls(@"http://{|#0:127.0.0.1|}:5000;https://{|#1:127.0.0.1|}:5001");
                        builder.Configuration["Kestrel:Endpoints:Admin:Url"] = "http://{|#2:127.0.0.1|}:0";
                        options.Listen({|#3:IPAddress.Loopback|}, 6000);
                        var listener = new TcpListener({|#4:IPAddress.Loopback|}, 7000);
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Url(0, "'http://127.0.0.1:5000' given to UseUrls"),
                Url(1, "'https://127.0.0.1:5001' given to UseUrls"),
                Url(2, "'http://127.0.0.1:0' given to configuration key 'Kestrel:Endpoints:Admin:Url'", "; no automatic fix: Kestrel rejects 'localhost' with port 0, and the port here is not a written port other than 0"),
                Socket(3, "IPAddress.Loopback", KestrelFixSuffix),
                Socket(4, "IPAddress.Loopback"),
            },
            FixedState =
            {
                Sources =
                {
                    UrlBindsIPv4WildcardTests.WebUsings + """
                        using Microsoft.AspNetCore.Server.Kestrel.Core;

                        class Program
                        {
                            static void Main(WebApplicationBuilder builder, KestrelServerOptions options, int port)
                            {
                                builder.WebHost.UseUrls(@"http://localhost:5000;https://localhost:5001");
                                builder.Configuration["Kestrel:Endpoints:Admin:Url"] = "http://{|#2:127.0.0.1|}:0";
                                options.ListenLocalhost(6000);
                                var listener = new TcpListener({|#4:IPAddress.Loopback|}, 7000);
                            }
                        }
                        """,
                },
                ExpectedDiagnostics =
                {
                    Url(2, "'http://127.0.0.1:0' given to configuration key 'Kestrel:Endpoints:Admin:Url'", "; no automatic fix: Kestrel rejects 'localhost' with port 0, and the port here is not a written port other than 0"),
                    Socket(4, "IPAddress.Loopback"),
                },
            },
        }.RunAsync();

        /// <summary>A URL constant in generated code reaching a listener in user code: no diagnostic inside generated code.</summary>
        [Fact]
        public Task ConstantInGeneratedCodeUsedByUserCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources =
                {
                    ("Defaults.g.cs", "// <auto-generated/>\nstatic class GeneratedDefaults { public const string Url = \"http://127.0.0.1:5000\"; }"),
                    ("Attributed.cs", "[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1.0\")]\nstatic class AttributedDefaults { public const string Url = \"http://127.0.0.1:5001\"; }"),
                    ("Program.cs", UrlBindsIPv4WildcardTests.WebUsings + "class P { void M(IWebHostBuilder h) { h.UseUrls(GeneratedDefaults.Url); h.UseUrls(AttributedDefaults.Url); } }"),
                },
            },
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();
    }
}
