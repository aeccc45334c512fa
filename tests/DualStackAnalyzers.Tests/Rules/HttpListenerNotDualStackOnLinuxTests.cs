using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<HttpListenerNotDualStackOnLinuxAnalyzer>;

    public class HttpListenerNotDualStackOnLinuxTests
    {
        private static string Server(string statements) => Sources.Usings + $$"""
            class Server
            {
                void Run(HttpListener listener, string configured, int port)
                {
                    {{statements}}
                }
            }
            """;

        private static DiagnosticResult Expected(int markup, string subject, string reason)
            => new DiagnosticResult(HttpListenerNotDualStackOnLinuxAnalyzer.Rule).WithLocation(markup).WithArguments(subject, reason);

        [Theory]
        [InlineData("listener.Prefixes.Add({|#0:\"http://+:8080/\"|});", "The prefix 'http://+:8080/'", "binds 0.0.0.0 ('+' becomes IPAddress.Any), so IPv6 clients are refused")]
        [InlineData("listener.Prefixes.Add({|#0:$\"http://*:{port}/\"|});", "The prefix 'http://*:'", "binds 0.0.0.0 ('*' becomes IPAddress.Any), so IPv6 clients are refused")]
        [InlineData("listener.Prefixes.Add({|#0:\"http://localhost:8080/\"|});", "The prefix 'http://localhost:8080/'", "binds only the first address DNS returns for 'localhost' ('localhost' became ::1 only, refusing IPv4 clients)")]
        [InlineData("listener.Prefixes.Add({|#0:\"http://api.example.com:80/\"|});", "The prefix 'http://api.example.com:80/'", "binds only the first address DNS returns for 'api.example.com' ('localhost' became ::1 only, refusing IPv4 clients)")]
        [InlineData("listener.Prefixes.Add({|#0:\"http://[::]:8080/\"|});", "The prefix 'http://[::]:8080/'", "is rejected ('Invalid port in prefix': IPv6 literal prefixes fail, dotnet/runtime#34399)")]
        [InlineData("listener.Prefixes.Add({|#0:\"http://127.0.0.1:8080/\"|});", "The prefix 'http://127.0.0.1:8080/'", "binds the IPv4 address 127.0.0.1 only, so IPv6 clients are refused")]
        [InlineData("listener.Prefixes.Add({|#0:configured|});", "This prefix", "binds a single address of one family")]
        [InlineData("var l = new HttpListener { Prefixes = { {|#0:\"https://+:443/\"|} } };", "The prefix 'https://+:443/'", "binds 0.0.0.0 ('+' becomes IPAddress.Any), so IPv6 clients are refused")]
        public async Task EveryPrefixIsReportedWithItsReason(string statements, string subject, string reason)
        {
            var test = new Analyze { TestCode = Server(statements) };
            test.ExpectedDiagnostics.Add(Expected(0, subject, reason));
            await test.RunAsync();
        }

        [Fact]
        public async Task ConstantPrefixIsReportedAtTheAddWithTheLiteral()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Server
                    {
                        const string Prefix = "http://{|#1:+|}:8080/";

                        void Run(HttpListener listener) => listener.Prefixes.Add({|#0:Prefix|});
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Expected(0, "The prefix 'http://+:8080/'", "binds 0.0.0.0 ('+' becomes IPAddress.Any), so IPv6 clients are refused").WithLocation(1));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Fact]
        public Task NetFrameworkIsSilent() => new Analyze
        {
            TestCode = "using System.Net; class S { void M(HttpListener l) => l.Prefixes.Add(\"http://+:80/\"); }",
            ReferenceAssemblies = TestReferences.Net461,
        }.RunAsync();

        [Fact]
        public Task WindowsOnlyAssemblyIsSilent() => new Analyze
        {
            TestCode = "using System.Net; [assembly: System.Runtime.Versioning.SupportedOSPlatform(\"windows\")] class S { void M(HttpListener l) => l.Prefixes.Add(\"http://+:80/\"); }",
        }.RunAsync();

        [Fact]
        public Task WindowsTargetPlatformPropertyIsSilent() => new Analyze
        {
            TestState =
            {
                Sources = { "using System.Net; class S { void M(HttpListener l) => l.Prefixes.Add(\"http://+:80/\"); }" },
                AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\nbuild_property.TargetPlatformIdentifier = windows\n") },
            },
        }.RunAsync();

        [Fact]
        public Task LegacyWindowsPlatformDefaultOfNetStandardIsNotWindowsOnly() => new Analyze
        {
            // MSBuild sets TargetPlatformIdentifier=Windows for netstandard2.0 and netcoreapp3.1 too: only .NET 5+ means it.
            TestState =
            {
                Sources = { "using System.Net; class S { void M(HttpListener l) => l.Prefixes.Add({|DS0005:\"http://+:80/\"|}); }" },
                AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\nbuild_property.TargetPlatformIdentifier = Windows\n") },
            },
            ReferenceAssemblies = TestReferences.NetStandard20,
        }.RunAsync();

        [Theory]
        [InlineData("if (OperatingSystem.IsWindows()) { listener.Prefixes.Add(\"http://+:80/\"); }")]
        [InlineData("if (!OperatingSystem.IsWindows()) { throw new PlatformNotSupportedException(); } listener.Prefixes.Add(\"http://+:80/\");")]
        [InlineData("if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)) return; listener.Prefixes.Add(\"http://+:80/\");")]
        [InlineData("if (!OperatingSystem.IsWindows()) { Console.WriteLine(); } else { listener.Prefixes.Add(\"http://+:80/\"); }")]
        [InlineData("var urls = new System.Collections.Generic.List<string>(); urls.Add(\"http://+:80/\");")]
        [InlineData("var prefixes = listener.Prefixes.Count;")]
        public Task WindowsOnlyCodeAndOtherCollectionsAreSilent(string statements) => new Analyze { TestCode = Server(statements) }.RunAsync();

        [Fact]
        public Task WindowsOnlyMemberIsSilent() => new Analyze
        {
            TestCode = Sources.Usings + """
                class Server
                {
                    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
                    void Run(HttpListener listener) => listener.Prefixes.Add("http://+:80/");
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("listener.Prefixes.Add(")]
        [InlineData("listener.Prefixes.Add(\"http://[::\");")]
        [InlineData("listener.Prefixes.Add(\"http://+:80/\", 1);")]
        [InlineData("listener.Prefixes.Add(Undefined);")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze { TestCode = Server(statements), CompilerDiagnostics = CompilerDiagnostics.None };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }
    }
}
