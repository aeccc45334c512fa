using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<ForwardedHeadersProxiesIPv4OnlyAnalyzer>;

    public class ForwardedHeadersProxiesIPv4OnlyTests
    {
        private const string Usings = """
            using System.Net;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.HttpOverrides;
            using Microsoft.Extensions.DependencyInjection;

            """;

        private const string IPv4Why = "a proxy that connects over IPv6 after the move to a dual-stack listener is not trusted and its X-Forwarded-For is ignored; list the proxies' IPv6 addresses or networks too";

        private static Task RunAsync(string body, ReferenceAssemblies? references = null) => new Analyze
        {
            TestCode = Usings + body,
            ReferenceAssemblies = references ?? TestReferences.Net80AspNet,
        }.RunAsync();

        // ---- Flagged ------------------------------------------------------------------------------------------

        [Fact]
        public async Task ConfigureLambdaWithIPv4ProxiesOnlyIsReportedOnceWithEveryEntry()
        {
            var test = new Analyze
            {
                ReferenceAssemblies = TestReferences.Net80AspNet,
                TestCode = Usings + """
                    class Startup
                    {
                        void ConfigureServices(IServiceCollection services)
                        {
                            services.Configure<ForwardedHeadersOptions>(options =>
                            {
                                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                                options.KnownProxies.Clear();
                                options.KnownProxies.Add({|#0:IPAddress.Parse("10.0.0.100")|});
                                options.KnownNetworks.Add({|#1:new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.1.0.0"), 16)|});
                            });
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ForwardedHeadersProxiesIPv4OnlyAnalyzer.Rule).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info)
                .WithLocation(0).WithLocation(1).WithArguments("IPv4 proxies", "\"10.0.0.100\", \"10.1.0.0/16\"", IPv4Why));
            await test.RunAsync();
        }

        [Fact]
        public Task ObjectInitializerIsOneOptionsObject() => RunAsync("""
            class Startup
            {
                void Configure(IApplicationBuilder app)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions
                    {
                        ForwardedHeaders = ForwardedHeaders.XForwardedFor,
                        KnownProxies = { {|DS0041:IPAddress.Parse("192.168.1.10")|}, IPAddress.Parse("192.168.1.11") },
                    });
                }
            }
            """);

        [Fact]
        public async Task OnlyMappedEntriesNeverMatch()
        {
            var test = new Analyze
            {
                ReferenceAssemblies = TestReferences.Net80AspNet,
                TestCode = Usings + """
                    class Startup
                    {
                        void ConfigureServices(IServiceCollection services)
                        {
                            services.Configure<ForwardedHeadersOptions>(o => o.KnownProxies.Add({|#0:IPAddress.Parse("::ffff:10.0.0.100")|}));
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ForwardedHeadersProxiesIPv4OnlyAnalyzer.Rule).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info)
                .WithLocation(0).WithArguments(
                    "IPv4-mapped (::ffff:) proxies",
                    "\"::ffff:10.0.0.100\"",
                    "the middleware maps IPv4-mapped peers to IPv4 before checking, so these entries never match; list the proxies' IPv4 and IPv6 addresses instead"));
            await test.RunAsync();
        }

        [Fact]
        public Task KnownIPNetworksOnNet10AndALocalOptionsObject() => RunAsync("""
            class Startup
            {
                void Configure(IApplicationBuilder app)
                {
                    var options = new ForwardedHeadersOptions();
                    options.KnownIPNetworks.Add({|DS0041:System.Net.IPNetwork.Parse("10.0.0.0/8")|});
                    options.KnownProxies.Add(IPAddress.Loopback);
                    app.UseForwardedHeaders(options);
                }
            }
            """, TestReferences.Net100AspNet);

        [Fact]
        public Task ProxyAddressesThroughReadonlyFieldsAreRead() => RunAsync("""
            class Startup
            {
                private static readonly IPAddress Ingress = IPAddress.Parse("10.0.0.5");

                void ConfigureServices(IServiceCollection services)
                {
                    services.Configure<ForwardedHeadersOptions>(o => o.KnownProxies.Add({|DS0041:Ingress|}));
                }
            }
            """);

        // ---- Not flagged ----------------------------------------------------------------------------------------

        [Theory]
        [InlineData("o.KnownProxies.Add(IPAddress.Parse(\"10.0.0.100\")); o.KnownProxies.Add(IPAddress.Parse(\"fd00::100\"));")]
        [InlineData("o.KnownProxies.Add(IPAddress.Parse(\"10.0.0.100\")); o.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse(\"fd00::\"), 8));")]
        [InlineData("o.KnownProxies.Add(IPAddress.Parse(\"10.0.0.100\")); o.KnownProxies.Add(IPAddress.IPv6Loopback);")]
        [InlineData("o.KnownProxies.Add(IPAddress.Parse(proxy));")]
        [InlineData("o.KnownProxies.Add(IPAddress.Parse(\"10.0.0.100\")); o.KnownProxies.Add(IPAddress.Parse(proxy));")]
        [InlineData("foreach (var p in proxies) { o.KnownProxies.Add(IPAddress.Parse(p)); }")]
        [InlineData("o.KnownProxies.Clear(); o.KnownNetworks.Clear();")]
        [InlineData("o.ForwardedHeaders = ForwardedHeaders.All;")]
        public Task ListsNamingBothFamiliesOrUnknownEntriesAreSilent(string statements) => RunAsync($$"""
            class Startup
            {
                void ConfigureServices(IServiceCollection services, string proxy, string[] proxies)
                {
                    services.Configure<ForwardedHeadersOptions>(o =>
                    {
                        {{statements}}
                    });
                }
            }
            """);

        [Fact]
        public Task TwoOptionsObjectsAreJudgedSeparately() => RunAsync("""
            class Startup
            {
                void Configure(IApplicationBuilder app)
                {
                    var internalOptions = new ForwardedHeadersOptions();
                    internalOptions.KnownProxies.Add(IPAddress.Parse("fd00::1"));
                    internalOptions.KnownProxies.Add(IPAddress.Parse("10.0.0.1"));

                    var edgeOptions = new ForwardedHeadersOptions { KnownProxies = { {|DS0041:IPAddress.Parse("10.9.0.1")|} } };
                    app.UseForwardedHeaders(internalOptions);
                    app.UseForwardedHeaders(edgeOptions);
                }
            }
            """);

        [Fact]
        public Task OtherListsAreIgnored() => RunAsync("""
            using System.Collections.Generic;

            class Startup
            {
                void Run()
                {
                    var proxies = new List<IPAddress>();
                    proxies.Add(IPAddress.Parse("10.0.0.1"));
                }
            }
            """);

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("o.KnownProxies.Add(IPAddress.Parse(\"10.0.0.1\");")]
        [InlineData("o.KnownProxies.Add();")]
        [InlineData("o.KnownNetworks.Add(new IPNetwork(IPAddress.Parse(\"10.0.0.0\")));")]
        [InlineData("o.KnownProxies = { IPAddress.Parse(\"10.0.0.1\") };")]
        [InlineData("o.KnownProxies.Insert(IPAddress.Parse(\"10.0.0.1\"));")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                ReferenceAssemblies = TestReferences.Net80AspNet,
                TestCode = Usings + "class C { void M(IServiceCollection s) { s.Configure<ForwardedHeadersOptions>(o => { " + statements + " }); } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Clear();
            await IncompleteCode.RunAsync(test);
        }
    }
}
