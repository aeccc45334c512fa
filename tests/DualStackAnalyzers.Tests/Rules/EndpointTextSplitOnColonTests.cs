using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<EndpointTextSplitOnColonAnalyzer>;

    public class EndpointTextSplitOnColonTests
    {
        private const string TryParseAdvice = "parse it with IPEndPoint.TryParse (or Uri for host names); the input must be bracketed ([::1]:80)";

        private const string UriAdvice = "parse it with Uri (Uri.TryCreate(\"tcp://\" + text, UriKind.Absolute, out var uri), then uri.Host and uri.Port); the input must be bracketed ([::1]:80)";

        private static Task FlagsAsync(string body, ReferenceAssemblies? references = null)
        {
            var test = new Analyze { TestCode = Sources.Usings + "using System.Linq;\n" + body };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            return test.RunAsync();
        }

        // ---- Flagged ------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("var parts = {|DS0031:endpoint.Split(':')|}; return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(parts[1]));")]
        [InlineData("var parts = {|DS0031:endpoint.Split(':')|}; var port = int.Parse(parts[1]); return new IPEndPoint(IPAddress.Parse(parts[0]), port);")]
        [InlineData("var parts = {|DS0031:endpoint.Split(new[] { ':' })|}; return new IPEndPoint(IPAddress.Parse(parts[0]), Convert.ToInt32(parts[1]));")]
        [InlineData("var parts = {|DS0031:endpoint.Split(\":\")|}; var port = ushort.Parse(parts[parts.Length - 1]); return new IPEndPoint(IPAddress.Parse(parts[0]), port);")]
        [InlineData("var parts = {|DS0031:endpoint.Split(':', StringSplitOptions.RemoveEmptyEntries)|}; int.TryParse(parts[1], out var port); return new IPEndPoint(IPAddress.Parse(parts[0]), port);")]
        [InlineData("var parts = {|DS0031:endpoint.Split(':', 2)|}; var portText = parts[1]; return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(portText));")]
        [InlineData("var port = int.Parse({|DS0031:endpoint.Split(':')|}.Last()); return new IPEndPoint(IPAddress.Loopback, port);")]
        [InlineData("var i = {|DS0031:endpoint.LastIndexOf(':')|}; var port = int.Parse(endpoint.Substring(i + 1)); return new IPEndPoint(IPAddress.Parse(endpoint.Substring(0, i)), port);")]
        [InlineData("var i = {|DS0031:endpoint.IndexOf(':')|}; return new IPEndPoint(IPAddress.Parse(endpoint.Substring(0, i)), int.Parse(endpoint.Substring(i + 1)));")]
        [InlineData("var i = {|DS0031:endpoint.LastIndexOf(\":\")|}; var port = int.Parse(endpoint[(i + 1)..]); return new IPEndPoint(IPAddress.Loopback, port);")]
        [InlineData("var port = int.Parse(endpoint.AsSpan({|DS0031:endpoint.LastIndexOf(':')|} + 1)); return new IPEndPoint(IPAddress.Loopback, port);")]
        public Task SplittingEndpointTextOnColonIsFlagged(string statements) => FlagsAsync($$"""
            class Config
            {
                IPEndPoint Parse(string endpoint)
                {
                    {{statements}}
                }
            }
            """);

        /// <summary>
        /// On .NET 9+ <c>Split(':')</c> and <c>Split(':', ';')</c> bind to <c>Split(params ReadOnlySpan&lt;char&gt;)</c>:
        /// the separators arrive as a params collection, not a char or an array (found by the benchmark's code base).
        /// </summary>
        [Theory]
        [InlineData("var parts = {|DS0031:endpoint.Split(':')|}; return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));")]
        [InlineData("var parts = {|DS0031:endpoint.Split(';', ':')|}; return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(parts[1]));")]
        public Task SplitWithParamsSpanSeparatorsOnNet10IsFlagged(string statements) => FlagsAsync($$"""
            class Config
            {
                IPEndPoint Parse(string endpoint)
                {
                    {{statements}}
                }
            }
            """, TestReferences.Net100);

        /// <summary>A member named for a port that returns the parsed piece (seen in the benchmark's code base).</summary>
        [Fact]
        public Task PieceReturnedByAPortMemberIsAPort() => FlagsAsync("""
            static class Endpoints
            {
                public static int PortOf(string endpoint)
                {
                    var parts = {|DS0031:endpoint.Split(':')|};
                    return int.Parse(parts[1]);
                }

                public static int ParsePort(string endpoint) => int.Parse({|DS0031:endpoint.Split(':')|}[1]);

                // Not a port: a member not named for one returns a count.
                public static int CountOf(string text)
                {
                    var parts = text.Split(':');
                    return int.Parse(parts[1]);
                }

                public static System.Func<string, int> Lambda => text => int.Parse(text.Split(':')[1]);
            }
            """);

        [Fact]
        public async Task TheMessageNamesIPEndPointTryParseWhereTheTargetHasIt()
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + """
                    class Config
                    {
                        (string Host, int Port) Parse(string text)
                        {
                            var parts = {|#0:text.Split(':')|};
                            return (parts[0], {|#1:int.Parse(parts[1])|});
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(EndpointTextSplitOnColonAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments("Split(':')", TryParseAdvice));
            await test.RunAsync();
        }

        [Fact]
        public Task ResultStoredInAPortMemberIsAPort() => FlagsAsync("""
            class Settings
            {
                public string Host { get; set; }
                public int Port { get; set; }

                public void Load(string address)
                {
                    var pieces = {|DS0031:address.Split(':')|};
                    Host = pieces[0];
                    Port = int.Parse(pieces[1]);
                }
            }
            """);

        [Fact]
        public async Task WithoutIPEndPointTryParseTheMessageNamesUri()
        {
            var test = new Analyze
            {
                ReferenceAssemblies = TestReferences.Net461,
                TestCode = """
                    using System;
                    using System.Net;

                    class Config
                    {
                        IPEndPoint Parse(string text)
                        {
                            var parts = {|#0:text.Split(':')|};
                            return new IPEndPoint(IPAddress.Parse(parts[0]), {|#1:int.Parse(parts[1])|});
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(EndpointTextSplitOnColonAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments("Split(':')", UriAdvice));
            await test.RunAsync();
        }

        // ---- Not flagged ----------------------------------------------------------------------------------------

        [Theory]
        [InlineData("if (endpoint.StartsWith(\"[\")) { var end = endpoint.IndexOf(']'); return new IPEndPoint(IPAddress.Parse(endpoint.Substring(1, end - 1)), int.Parse(endpoint.Substring(end + 2))); } var parts = endpoint.Split(':'); return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(parts[1]));")]
        [InlineData("var close = endpoint.LastIndexOf(']'); var i = endpoint.LastIndexOf(':'); return new IPEndPoint(IPAddress.Loopback, int.Parse(endpoint.Substring(i + 1)));")]
        [InlineData("return IPEndPoint.Parse(endpoint);")]
        [InlineData("var parts = endpoint.Split(':'); var hours = int.Parse(parts[0]); var minutes = int.Parse(parts[1]); return new IPEndPoint(IPAddress.Loopback, hours * 60 + minutes);")]
        [InlineData("var parts = endpoint.Split(':'); return new IPEndPoint(IPAddress.Loopback, int.Parse(parts[0]));")]
        [InlineData("var parts = endpoint.Split(','); return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(parts[1]));")]
        [InlineData("var parts = endpoint.Split(':'); Console.WriteLine(parts[1]); return null;")]
        [InlineData("var i = endpoint.IndexOf(':'); var user = endpoint.Substring(0, i); return null;")]
        [InlineData("var i = endpoint.IndexOf('/'); var port = int.Parse(endpoint.Substring(i + 1)); return new IPEndPoint(IPAddress.Loopback, port);")]
        [InlineData("var uri = new Uri(\"tcp://\" + endpoint); return new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);")]
        public Task BracketAwareOrUnrelatedParsingIsSilent(string statements) => FlagsAsync($$"""
            class Config
            {
                IPEndPoint Parse(string endpoint)
                {
                    {{statements}}
                }
            }
            """);

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var parts = endpoint.Split(':'); var port = int.Parse(parts[]);")]
        [InlineData("var parts = endpoint.Split(':'; var port = int.Parse(parts[1]);")]
        [InlineData("var i = endpoint.LastIndexOf(':'); var port = int.Parse(endpoint.Substring(i + ));")]
        [InlineData("var port = int.Parse(endpoint.Split(':')[1]")]
        [InlineData("var parts = endpoint.Split(); int.TryParse(parts[1], out );")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = Sources.Usings + "class C { void M(string endpoint) { " + statements + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Clear();
            await IncompleteCode.RunAsync(test);
        }
    }
}
