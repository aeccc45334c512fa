using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<ValidationRejectsIPv6Analyzer>;

    public class ValidationRejectsIPv6Tests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using System.Linq;
            using System.Net;
            using System.Net.Sockets;
            using System.Text.RegularExpressions;

            """;

        private static Task MembersAsync(string members) => new Analyze { TestCode = Usings + "partial class Validator\n{\n" + members + "\n}\n" }.RunAsync();

        // ---- TryParse + InterNetwork: flagged ------------------------------------------------------------------

        [Theory]
        [InlineData("static bool IsValidIp(string value) => IPAddress.TryParse(value, out var address) && {|DS0015:address.AddressFamily == AddressFamily.InterNetwork|};")]
        [InlineData("static bool IsValidIp(string value) => IPAddress.TryParse(value, out var address) && {|DS0015:AddressFamily.InterNetwork == address.AddressFamily|};")]
        [InlineData("static bool IsValidIp(string value) => IPAddress.TryParse(value, out var address) && {|DS0015:address.AddressFamily is AddressFamily.InterNetwork|};")]
        [InlineData("static bool IsValidIp(string value) => IPAddress.TryParse(value, out var address) && {|DS0015:address is { AddressFamily: AddressFamily.InterNetwork }|};")]
        [InlineData("static bool IsValidIp(string value) => !string.IsNullOrWhiteSpace(value) && IPAddress.TryParse(value.Trim(), out IPAddress? address) && {|DS0015:address.AddressFamily == AddressFamily.InterNetwork|};")]
        [InlineData("static bool IsValidIp(string value) => IPAddress.TryParse(value, out var address) && {|DS0015:address.AddressFamily != AddressFamily.InterNetworkV6|};")]
        [InlineData("static bool IsInvalidIp(string value) => !IPAddress.TryParse(value, out var address) || {|DS0015:address.AddressFamily != AddressFamily.InterNetwork|};")]
        [InlineData("static bool IsValidIp(string value) => !(!IPAddress.TryParse(value, out var address) || {|DS0015:address.AddressFamily != AddressFamily.InterNetwork|});")]
        public Task ReturnedValidityIsFlagged(string member) => MembersAsync(member);

        [Fact]
        public Task RejectingBranchesAreFlagged() => MembersAsync("""
            static void Require(string podIp)
            {
                if (!IPAddress.TryParse(podIp, out var address) || {|DS0015:address.AddressFamily != AddressFamily.InterNetwork|})
                {
                    throw new ArgumentException("POD_IP is not a valid IP address", nameof(podIp));
                }
            }

            static bool Check(string value)
            {
                if (!IPAddress.TryParse(value, out var address))
                {
                    return false;
                }

                if ({|DS0015:address.AddressFamily != AddressFamily.InterNetwork|})
                {
                    return false;
                }

                return true;
            }

            static bool Check2(string value)
            {
                if (IPAddress.TryParse(value, out var address) && {|DS0015:address.AddressFamily == AddressFamily.InterNetwork|})
                {
                    return true;
                }

                return false;
            }

            static ValidationResult? Validate(string ipAddress)
            {
                var address = IPAddress.Parse(ipAddress);
                if ({|DS0015:address.AddressFamily == AddressFamily.InterNetworkV6|})
                {
                    return new ValidationResult("IPv6 addresses are not supported");
                }

                return ValidationResult.Success;
            }

            static string? Error(string host)
            {
                if (IPAddress.TryParse(host, out var address) && {|DS0015:address.AddressFamily == AddressFamily.InterNetwork|})
                {
                    return null;
                }
                else
                {
                    return "Invalid server address";
                }
            }
            """);

        [Fact]
        public Task FiltersThatDropIPv6EntriesAreFlagged() => MembersAsync("""
            static List<string> Allowed(IEnumerable<string> entries)
                => entries.Where(e => IPAddress.TryParse(e, out var a) && {|DS0015:a.AddressFamily == AddressFamily.InterNetwork|}).ToList();
            """);

        [Fact]
        public async Task ParseInAnEarlierStatementIsAnAdditionalLocation()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Validator
                    {
                        static bool IsValid(string text)
                        {
                            if (!{|#1:IPAddress.TryParse(text, out var address)|})
                            {
                                return false;
                            }

                            return {|#0:address.AddressFamily == AddressFamily.InterNetwork|};
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ValidationRejectsIPv6Analyzer.Rule).WithLocation(0).WithLocation(1)
                .WithArguments("address.AddressFamily == AddressFamily.InterNetwork", ValidationRejectsIPv6Analyzer.FamilyCheck));
            await test.RunAsync();
        }

        // ---- TryParse + InterNetwork: silent -------------------------------------------------------------------

        [Fact]
        public Task ChecksThatAcceptBothFamiliesAreSilent() => MembersAsync("""
            static bool A(string value) => IPAddress.TryParse(value, out var a)
                && (a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6);

            static bool B(string value) => IPAddress.TryParse(value, out _);

            static bool C(string value) => IPAddress.TryParse(value, out var a) && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;

            static bool D(string value)
            {
                if (!IPAddress.TryParse(value, out var a))
                {
                    return false;
                }

                switch (a.AddressFamily)
                {
                    case AddressFamily.InterNetwork:
                    case AddressFamily.InterNetworkV6:
                        return true;
                    default:
                        return false;
                }
            }
            """);

        [Fact]
        public Task RoutingIsNotValidation() => MembersAsync("""
            static Socket Connect(string host, int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                if (IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
                {
                    socket.Connect(new IPEndPoint(address, port));
                }
                else
                {
                    socket.Connect(host, port);
                }

                return socket;
            }

            static string Format(string host, int port)
            {
                var bracket = IPAddress.TryParse(host, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;
                return bracket ? $"[{host}]:{port}" : $"{host}:{port}";
            }

            static string Describe(string text)
            {
                if (IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    return "[" + a + "]";
                }

                return text;
            }
            """);

        [Fact]
        public Task QuestionsAboutTheAddressAreNotValidation() => MembersAsync("""
            // Private-range and loopback tests inspect the address further: DS0040's ground, not input validation.
            static bool IsPrivate(string value) => IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetwork && a.GetAddressBytes()[0] == 10;

            static bool IsLocal(string value) => IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(a);

            // Peers, not parsed input (DS0011 / DS0040 territory).
            static bool IsV4(IPEndPoint remote) => remote.Address.AddressFamily == AddressFamily.InterNetwork;

            static IEnumerable<IPAddress> V4(IPAddress[] all) => all.Where(a => a.AddressFamily == AddressFamily.InterNetwork);

            // Constant text is not input.
            static bool Constant() => IPAddress.TryParse("10.0.0.1", out var a) && a.AddressFamily == AddressFamily.InterNetwork;
            """);

        [Fact]
        public Task ExplicitIPv4ContractsAreSilent() => MembersAsync("""
            static bool IsValidIPv4(string value) => IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetwork;

            static bool TryParseIpv4(string value, out IPAddress? address) => IPAddress.TryParse(value, out address) && address.AddressFamily == AddressFamily.InterNetwork;

            static bool Valid(string ipv4Address) => IPAddress.TryParse(ipv4Address, out var a) && a.AddressFamily == AddressFamily.InterNetwork;

            static bool Guarded(string value)
            {
                if (!Socket.OSSupportsIPv6)
                {
                    return IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetwork;
                }

                return IPAddress.TryParse(value, out _);
            }
            """);

        [Fact]
        public Task TypesNamedForIPv4AreSilent() => new Analyze
        {
            TestCode = Usings + """
                class Ipv4Range
                {
                    public static bool IsValid(string start) => IPAddress.TryParse(start, out var a) && a.AddressFamily == AddressFamily.InterNetwork;
                }
                """,
        }.RunAsync();

        // ---- Regular expressions: flagged ----------------------------------------------------------------------

        [Theory]
        [InlineData("""static bool IsValidIp(string ip) => {|DS0015:Regex.IsMatch(ip, @"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")|};""")]
        [InlineData("""static bool IsValidIp(string ip) => {|DS0015:Regex.IsMatch(ip, @"^(\d{1,3}\.){3}\d{1,3}$")|};""")]
        [InlineData("""static bool IsValidIp(string ip) => {|DS0015:Regex.IsMatch(ip, "^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$")|};""")]
        [InlineData("""static bool IsValidIp(string ip) => {|DS0015:Regex.IsMatch(ip, @"^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$")|};""")]
        [InlineData("""static bool Check(string serverAddress) => {|DS0015:Regex.Match(serverAddress, @"^\d+\.\d+\.\d+\.\d+$")|}.Success;""")]
        [InlineData("""static bool IsValidHost(string host) => {|DS0015:Regex.IsMatch(host, @"^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[a-zA-Z0-9.-]+)$")|};""")]
        [InlineData("""static bool IsValidEndpoint(string endpoint) => {|DS0015:Regex.IsMatch(endpoint, @"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d{1,5}$")|};""")]
        public Task StaticRegexOnIPInputIsFlagged(string member) => MembersAsync(member);

        [Fact]
        public async Task RegexInAFieldIsReportedAtTheMatchWithThePatternAsAdditionalLocation()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Validator
                    {
                        private static readonly Regex IpPattern = new Regex({|#1:@"^(\d{1,3}\.){3}\d{1,3}$"|}, RegexOptions.Compiled);

                        public static void Require(string clientIp)
                        {
                            if (!{|#0:IpPattern.IsMatch(clientIp)|})
                            {
                                throw new FormatException("Invalid client IP");
                            }
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ValidationRejectsIPv6Analyzer.Rule).WithLocation(0).WithLocation(1)
                .WithArguments("IpPattern.IsMatch(clientIp)", ValidationRejectsIPv6Analyzer.DottedQuad));
            await test.RunAsync();
        }

        [Fact]
        public async Task GeneratedRegexIsFlagged()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    partial class HostValidator
                    {
                        [GeneratedRegex({|#1:@"^\d{1,3}(\.\d{1,3}){3}$"|})]
                        private static partial Regex Dotted();

                        public bool IsValid(string host) => {|#0:Dotted().IsMatch(host)|};
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ValidationRejectsIPv6Analyzer.Rule).WithLocation(0).WithLocation(1)
                .WithArguments("Dotted().IsMatch(host)", ValidationRejectsIPv6Analyzer.DottedQuad));
            // The test compilation does not run the regex source generator, so the partial method has no body.
            test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS8795").WithSpan(11, 34, 11, 40).WithArguments("HostValidator.Dotted()"));
            await test.RunAsync();
        }

        [Fact]
        public Task HostValidatorWithHostNameAlternativeIsFlagged() => MembersAsync("""
            static readonly Regex Ipv4Like = new Regex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$");
            static readonly Regex HostName = new Regex(@"^[a-zA-Z0-9]([a-zA-Z0-9-.]*[a-zA-Z0-9])?$");

            static bool IsValidHost(string host) => {|DS0015:Ipv4Like.IsMatch(host)|} || HostName.IsMatch(host);
            """);

        [Fact]
        public Task RegularExpressionAttributeIsFlagged() => new Analyze
        {
            TestCode = Usings + """
                class ServerSettings
                {
                    [RegularExpression({|DS0015:@"^(\d{1,3}\.){3}\d{1,3}$"|}, ErrorMessage = "Enter a valid IP address")]
                    public string? IpAddress { get; set; }

                    [Required, RegularExpression({|DS0015:@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$"|})]
                    public string Host { get; set; } = "";
                }

                record Peer([property: RegularExpression({|DS0015:@"^(\d{1,3}\.){3}\d{1,3}$"|})] string Address);
                """,
        }.RunAsync();

        // ---- Regular expressions: silent -----------------------------------------------------------------------

        [Fact]
        public Task RegexSilentForms() => MembersAsync("""
            // Also accepts IPv6.
            static bool A(string ip) => Regex.IsMatch(ip, @"^((\d{1,3}\.){3}\d{1,3}|([0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4})$");

            // Not an address: a four-part version.
            static bool B(string version) => Regex.IsMatch(version, @"^\d+\.\d+\.\d+\.\d+$");

            // Extraction from free text is not validation of an address input.
            static string? C(string line) => Regex.Match(line, @"(\d{1,3}\.){3}\d{1,3}").Value;

            static MatchCollection D(string logText) => Regex.Matches(logText, @"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}");

            // Routing: a literal goes one way, anything else (IPv6 literals too) the other.
            static string E(string host) => Regex.IsMatch(host, @"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$") ? "literal" : "name";

            // Explicitly IPv4.
            static bool IsIPv4(string ip) => Regex.IsMatch(ip, @"^(\d{1,3}\.){3}\d{1,3}$");

            static bool F(string ipv4) => Regex.IsMatch(ipv4, @"^(\d{1,3}\.){3}\d{1,3}$");

            // Patterns that are not dotted quads.
            static bool G(string host) => Regex.IsMatch(host, @"^[a-z0-9.-]+$");

            static bool H(string address) => Regex.IsMatch(address, @"^\d+$");

            // Unrelated names.
            static bool I(string emailAddress) => Regex.IsMatch(emailAddress, @"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$");

            static bool J(string description) => Regex.IsMatch(description, @"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$");
            """);

        [Fact]
        public Task RegularExpressionAttributeSilentForms() => new Analyze
        {
            TestCode = Usings + """
                class Settings
                {
                    [RegularExpression(@"^\d+\.\d+\.\d+\.\d+$")]
                    public string? Version { get; set; }

                    [RegularExpression(@"^(\d{1,3}\.){3}\d{1,3}$")]
                    public string? Ipv4Gateway { get; set; }

                    [RegularExpression(@"^[a-zA-Z0-9.:-]+$")]
                    public string? Host { get; set; }

                    [RegularExpression(@"^((\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F:]+)$")]
                    public string? IpAddress { get; set; }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task GeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources = { ("V.g.cs", "// <auto-generated/>\n" + Usings + "class V { static bool IsValidIp(string value) => IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetwork; }") },
            },
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("return IPAddress.TryParse(value, out var a) && a.AddressFamily == ;")]
        [InlineData("return IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.;")]
        [InlineData("return IPAddress.TryParse(value, out var a) && a. == AddressFamily.InterNetwork;")]
        [InlineData("return IPAddress.TryParse(, out var a) && a.AddressFamily == AddressFamily.InterNetwork;")]
        [InlineData("return a.AddressFamily == AddressFamily.InterNetwork;")]
        [InlineData("return a is { AddressFamily: };")]
        [InlineData("""return Regex.IsMatch(value, );""")]
        [InlineData("""return Regex.IsMatch(, @"^(\d{1,3}\.){3}\d{1,3}$");""")]
        [InlineData("""return new Regex(@"^(\d{1,3}\.){3}\d{1,3}$").IsMatch();""")]
        [InlineData("""return Undefined().IsMatch(value);""")]
        public async Task IncompleteCodeDoesNotThrow(string statement)
        {
            var test = new Analyze
            {
                TestCode = Usings + "class V { static bool IsValidIp(string value) { " + statement + " } [RegularExpression(] string? Ip { get; set; } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }
    }
}
