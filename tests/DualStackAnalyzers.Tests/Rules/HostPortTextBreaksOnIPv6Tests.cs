using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<HostPortTextBreaksOnIPv6Analyzer>;
    using Fix = CodeFixTest<HostPortTextBreaksOnIPv6Analyzer, HostPortTextBreaksOnIPv6Fixer>;

    public class HostPortTextBreaksOnIPv6Tests
    {
        private const string Usings = """
            using System;
            using System.Diagnostics;
            using System.Net;
            using System.Net.Http;
            using System.Net.Sockets;

            """;

        private static Task FlagsAsync(string body, ReferenceAssemblies? references = null)
        {
            var test = new Analyze { TestCode = Usings + body };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            return test.RunAsync();
        }

        // ---- Flagged: an address before ':' -----------------------------------------------------------------------

        [Theory]
        [InlineData("{|DS0030:$\"{ip}:{port}\"|}")]
        [InlineData("{|DS0030:$\"{ip}:8080\"|}")]
        [InlineData("{|DS0030:ip + \":\" + port|}")]
        [InlineData("{|DS0030:ip + \":8080\"|}")]
        [InlineData("{|DS0030:ip.ToString() + ':' + port|}")]
        [InlineData("{|DS0030:\"tcp://\" + ip + \":\" + port + \"/\"|}")]
        [InlineData("{|DS0030:string.Format(\"{0}:{1}\", ip, port)|}")]
        [InlineData("{|DS0030:string.Format(\"http://{0}:{1}/health\", ip, port)|}")]
        [InlineData("{|DS0030:$\"http://{ep.Address}:{ep.Port}/\"|}")]
        [InlineData("{|DS0030:$\"{ip.ToString()}:{port}\"|}")]
        [InlineData("{|DS0030:$\"{IPAddress.IPv6Loopback}:{port}\"|}")]
        [InlineData("{|DS0030:$\"{uri.DnsSafeHost}:{uri.Port}\"|}")]
        [InlineData("{|DS0030:$\"{uri.IdnHost}:{port}\"|}")]
        [InlineData("{|DS0030:$\"{V6Host}:{port}\"|}")]
        [InlineData("{|DS0030:$\"{hostIp}:{port}\"|}")]
        [InlineData("{|DS0030:peerIpAddress + \":\" + port|}")]
        [InlineData("{|DS0030:$@\"{ip}:{port}\"|}")]
        [InlineData("{|DS0030:$\"\"\"{ip}:{port}\"\"\"|}")]
        public Task AddressBeforeColonIsFlagged(string text) => FlagsAsync($$"""
            class Endpoints
            {
                const string V6Host = "fd00::10";

                string Text(IPAddress ip, IPEndPoint ep, Uri uri, int port, string hostIp, string peerIpAddress) => {{text}};
            }
            """);

        [Fact]
        public async Task EnvironmentAddressThroughALocalIsReportedWithItsOrigin()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Registration
                    {
                        string Advertised(int port)
                        {
                            var podIp = {|#1:Environment.GetEnvironmentVariable("POD_IP")|};
                            return {|#0:$"{podIp}:{port}"|};
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(HostPortTextBreaksOnIPv6Analyzer.Rule).WithLocation(0).WithLocation(1)
                .WithArguments("'podIp' (the POD_IP environment variable)", string.Empty, "bracket IPv6 hosts ([::1]:80), e.g. with new UriBuilder(scheme, host, port)"));
            await test.RunAsync();
        }

        [Fact]
        public Task KubernetesServiceHostIsAnAddress() => FlagsAsync("""
            class InCluster
            {
                Uri ApiServer() => new Uri({|DS0030:$"https://{Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")}:{Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT")}"|});
            }
            """);

        // ---- Flagged: a string host whose text reaches a URL or endpoint parser --------------------------------------

        [Theory]
        [InlineData("var uri = new Uri({|DS0030:$\"http://{host}:{port}/\"|});")]
        [InlineData("Uri.TryCreate({|DS0030:\"http://\" + host + \":\" + port|}, UriKind.Absolute, out var uri);")]
        [InlineData("var ep = IPEndPoint.Parse({|DS0030:$\"{host}:{port}\"|});")]
        [InlineData("var client = new HttpClient { BaseAddress = new Uri({|DS0030:$\"https://{host}:{port}/\"|}) };")]
        [InlineData("var response = new HttpClient().GetAsync({|DS0030:$\"http://{host}:{port}/health\"|});")]
        [InlineData("var request = new HttpRequestMessage(HttpMethod.Get, {|DS0030:$\"http://{host}:{portText}/\"|});")]
        [InlineData("var connection = Redis.Connect({|DS0030:$\"{host}:{port}\"|});")]
        public Task StringHostReachingAParserIsFlagged(string statement) => FlagsAsync($$"""
            static class Redis { public static object Connect(string configuration) => configuration; }

            class Clients
            {
                void Run(string host, int port, string portText)
                {
                    {{statement}}
                }
            }
            """);

        [Fact]
        public async Task StringHostThroughALocalIsReportedWithTheParserAsAdditionalLocation()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Clients
                    {
                        HttpClient Create(string host, int port)
                        {
                            var baseUrl = {|#0:$"http://{host}:{port}/"|};
                            return new HttpClient { BaseAddress = {|#1:new Uri(baseUrl)|} };
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(HostPortTextBreaksOnIPv6Analyzer.Rule).WithLocation(0).WithLocation(1)
                .WithArguments("the host 'host'", " (the text reaches new Uri(…))", "bracket IPv6 hosts ([::1]:80), e.g. with new UriBuilder(scheme, host, port)"));
            await test.RunAsync();
        }

        [Fact]
        public Task UseUrlsIsAParser() => new Analyze
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = """
                using Microsoft.AspNetCore.Hosting;

                class Startup
                {
                    void Configure(IWebHostBuilder builder, string host, int port) => builder.UseUrls({|DS0030:$"http://{host}:{port}"|});
                }
                """,
        }.RunAsync();

        // ---- Not flagged ----------------------------------------------------------------------------------------

        [Theory]
        [InlineData("$\"[{ip}]:{port}\"")]
        [InlineData("\"[\" + ip + \"]:\" + port")]
        [InlineData("new IPEndPoint(ip, port).ToString()")]
        [InlineData("$\"{uri.Host}:{uri.Port}\"")]
        [InlineData("$\"{uri.Authority}\"")]
        [InlineData("$\"{IPAddress.Loopback}:{port}\"")]
        [InlineData("$\"{IPAddress.Parse(\"10.0.0.1\")}:{port}\"")]
        [InlineData("$\"{host}:{port}\"")]
        [InlineData("host + \":\" + port")]
        [InlineData("$\"{scheme}://{host}\"")]
        [InlineData("$\"{user}:{password}@{host}\"")]
        [InlineData("$\"{ip}: connected\"")]
        [InlineData("$\"{ip}:{user}\"")]
        [InlineData("$\"{port}:{port}\"")]
        [InlineData("$\"{ep}\"")]
        [InlineData("$\"{V4Host}:{port}\"")]
        [InlineData("$\"localhost:{port}\"")]
        [InlineData("$\"{shipAddress}:{port}\"")]
        [InlineData("$\"{description}:{port}\"")]
        [InlineData("new Uri($\"http://{Dns.GetHostName()}:{port}/\").ToString()")]
        [InlineData("new Uri($\"http://{Environment.MachineName}:{port}/\").ToString()")]
        public Task DualStackCorrectOrUnrelatedTextIsSilent(string text) => FlagsAsync($$"""
            class Endpoints
            {
                const string V4Host = "10.0.0.1";

                string Text(IPAddress ip, IPEndPoint ep, Uri uri, string host, string scheme, string user, string password, int port, string shipAddress, string description) => {{text}};
            }
            """);

        [Theory]
        [InlineData("Console.WriteLine($\"listening on {ip}:{port}\");")]
        [InlineData("Console.Error.WriteLine(ip + \":\" + port);")]
        [InlineData("Debug.WriteLine(string.Format(\"{0}:{1}\", ip, port));")]
        [InlineData("Trace.TraceInformation($\"{ip}:{port}\");")]
        [InlineData("throw new InvalidOperationException($\"cannot reach {ip}:{port}\");")]
        [InlineData("var message = $\"{ip}:{port} is down\"; Console.WriteLine(message); LogWarning(message);")]
        [InlineData("LogWarning($\"{ip}:{port}\");")]
        [InlineData("if (ip.AddressFamily == AddressFamily.InterNetwork) { Use($\"{ip}:{port}\"); }")]
        public Task MessagesAndGuardedCodeAreSilent(string statement) => FlagsAsync($$"""
            class Server
            {
                void Run(IPAddress ip, int port)
                {
                    {{statement}}
                }

                void LogWarning(string message) { }

                void Use(string text) { }
            }
            """);

        [Fact]
        public Task ILoggerMessagesAreSilent() => new Analyze
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = """
                using System.Net;
                using Microsoft.Extensions.Logging;

                class Server
                {
                    void Run(ILogger logger, IPAddress ip, int port)
                    {
                        logger.LogInformation($"Listening on {ip}:{port}");
                        logger.LogInformation("Listening on {Endpoint}", ip + ":" + port);
                    }
                }
                """,
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var s = $\"{ip}:{\";")]
        [InlineData("var s = $\"{ip}:{port\";")]
        [InlineData("var s = ip + \":\" + ;")]
        [InlineData("var s = string.Format(\"{0}:{1}\", ip);")]
        [InlineData("var s = string.Format(\"{0}:{5}\", ip, port);")]
        [InlineData("var s = string.Format(\"{0:{1}\", ip, port);")]
        [InlineData("var u = new Uri($\"http://{undefined}:{port}/\");")]
        [InlineData("var s = $\"{ip}:\";")]
        public async Task IncompleteCodeDoesNotThrow(string statement)
        {
            var test = new Analyze
            {
                TestCode = Usings + "class C { void M(IPAddress ip, int port) { " + statement + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Clear();
            await IncompleteCode.RunAsync(test);
        }

        // ---- Fixes --------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("$\"{ip}:{port}\"", "new IPEndPoint(ip, port).ToString()")]
        [InlineData("$\"http://{ip}:{port}/api?x=1\"", "$\"http://{new IPEndPoint(ip, port)}/api?x=1\"")]
        [InlineData("$\"{ip}:8080/metrics\"", "$\"{new IPEndPoint(ip, 8080)}/metrics\"")]
        [InlineData("$\"\"\"{ip}:{port} and more\"\"\"", "$\"\"\"{new IPEndPoint(ip, port)} and more\"\"\"")]
        [InlineData("$\"{ep.Address}:{ep.Port}\"", "new IPEndPoint(ep.Address, ep.Port).ToString()")]
        [InlineData("$\"{ip.ToString()}:{port}\"", "new IPEndPoint(ip, port).ToString()")]
        [InlineData("ip + \":\" + port", "new IPEndPoint(ip, port).ToString()")]
        [InlineData("\"tcp://\" + ip + \":\" + port + \"/\"", "\"tcp://\" + new IPEndPoint(ip, port) + \"/\"")]
        [InlineData("ip.ToString() + \":8080/x\"", "new IPEndPoint(ip, 8080).ToString() + \"/x\"")]
        [InlineData("ip + \":\" + port + \"/\" + 1", "new IPEndPoint(ip, port).ToString() + \"/\" + 1")]
        [InlineData("string.Format(\"{0}:{1}\", ip, port)", "new IPEndPoint(ip, port).ToString()")]
        [InlineData("$\"{ip}:{port},{ip}:{port + 1}\"", "$\"{new IPEndPoint(ip, port)},{new IPEndPoint(ip, port + 1)}\"")]
        public Task AddressHostsAreFormattedWithIPEndPoint(string before, string after) => new Fix
        {
            TestCode = Usings + $$"""
                class Endpoints
                {
                    string Text(IPAddress ip, IPEndPoint ep, int port) => {|DS0030:{{before}}|};
                }
                """,
            FixedCode = Usings + $$"""
                class Endpoints
                {
                    string Text(IPAddress ip, IPEndPoint ep, int port) => {{after}};
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("new Uri({|DS0030:$\"http://{host}:{port}/\"|})", "new UriBuilder(\"http\", host, port).Uri")]
        [InlineData("new Uri({|DS0030:$\"https://{host}:{port}/api/v1\"|})", "new UriBuilder(\"https\", host, port, \"/api/v1\").Uri")]
        [InlineData("new Uri({|DS0030:$\"{scheme}://{host}:{port}\"|})", "new UriBuilder(scheme, host, port).Uri")]
        [InlineData("new Uri({|DS0030:\"http://\" + host + \":5000/x\"|})", "new UriBuilder(\"http\", host, 5000, \"/x\").Uri")]
        [InlineData("new Uri({|DS0030:$\"http://{Environment.GetEnvironmentVariable(\"POD_IP\")}:{port}/\"|})", "new UriBuilder(\"http\", Environment.GetEnvironmentVariable(\"POD_IP\"), port).Uri")]
        public Task StringHostsInAUriBecomeUriBuilder(string before, string after) => new Fix
        {
            TestCode = Usings + $$"""
                class Clients
                {
                    Uri Url(string scheme, string host, int port) => {{before}};
                }
                """,
            FixedCode = Usings + $$"""
                class Clients
                {
                    Uri Url(string scheme, string host, int port) => {{after}};
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("new Uri({|DS0030:$\"http://{host}:{port}/search?q=1\"|})")]
        [InlineData("IPEndPoint.Parse({|DS0030:$\"{host}:{port}\"|})")]
        [InlineData("{|DS0030:$\"{podIp}:{port}\"|}")]
        public Task ReportOnlyWhenNoRewriteIsSafe(string expression) => new Fix
        {
            TestCode = Usings + $$"""
                class Clients
                {
                    object Url(string host, int port)
                    {
                        var podIp = Environment.GetEnvironmentVariable("POD_IP") ?? "";
                        return {{expression}};
                    }
                }
                """,
            FixedCode = Usings + $$"""
                class Clients
                {
                    object Url(string host, int port)
                    {
                        var podIp = Environment.GetEnvironmentVariable("POD_IP") ?? "";
                        return {{expression}};
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task FixCompilesOnNetFramework() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = """
                using System;
                using System.Net;

                class Endpoints
                {
                    string Text(IPAddress ip, int port) => {|DS0030:ip + ":" + port|};

                    Uri Url(string host, int port) => new Uri({|DS0030:"http://" + host + ":" + port + "/api"|});
                }
                """,
            FixedCode = """
                using System;
                using System.Net;

                class Endpoints
                {
                    string Text(IPAddress ip, int port) => new IPEndPoint(ip, port).ToString();

                    Uri Url(string host, int port) => new UriBuilder("http", host, port, "/api").Uri;
                }
                """,
        }.RunAsync();

        [Fact]
        public Task FixAllFormatsEveryEndpointInTheDocument() => new Fix
        {
            TestCode = Usings + """
                class Registry
                {
                    // advertised endpoints
                    public string Advertise(IPAddress ip, int port) => {|DS0030:$"{ip}:{port}"|};

                    public Uri Health(IPAddress ip, int port) => new Uri({|DS0030:$"http://{ip}:{port}/healthz"|});

                    public Uri Api(string host, int port) => new Uri({|DS0030:$"https://{host}:{port}/"|});

                    public string Legacy(IPEndPoint ep) => {|DS0030:ep.Address + ":" + ep.Port|};
                }
                """,
            FixedCode = Usings + """
                class Registry
                {
                    // advertised endpoints
                    public string Advertise(IPAddress ip, int port) => new IPEndPoint(ip, port).ToString();

                    public Uri Health(IPAddress ip, int port) => new Uri($"http://{new IPEndPoint(ip, port)}/healthz");

                    public Uri Api(string host, int port) => new UriBuilder("https", host, port).Uri;

                    public string Legacy(IPEndPoint ep) => new IPEndPoint(ep.Address, ep.Port).ToString();
                }
                """,
        }.RunAsync();
    }
}
