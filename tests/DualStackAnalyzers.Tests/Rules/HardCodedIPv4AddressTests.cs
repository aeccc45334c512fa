using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<HardCodedIPv4AddressAnalyzer>;

    /// <summary>DS0020: hard-coded IPv4 addresses in string literals, interpolations, Parse calls and byte arrays.</summary>
    public class HardCodedIPv4AddressTests
    {
        internal static Task VerifyAsync(string body, ReferenceAssemblies? references = null, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new Analyze { TestCode = Sources.Usings + body };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            if (editorConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig + "\n"));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static string InMethod(string statements) => $$"""
            class C
            {
                void M(int port, string x)
                {
                    {{statements}}
                }
            }
            """;

        /// <summary>Code marked [GeneratedCode] is generated: its literals are the generator's, not the user's.</summary>
        [Fact]
        public Task GeneratedCodeAttributeIsSilent() => VerifyAsync("""
            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            class Generated { const string Db = "10.1.2.3"; }

            class Written
            {
                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                string GeneratedHost() => "10.1.2.4";

                string Host() => {|DS0020:"10.1.2.5"|};
            }
            """);

        // ---- Flagged: where text is an address ----------------------------------------------------------------

        [Theory]
        [InlineData("""var host = {|DS0020:"10.20.30.40"|};""")]
        [InlineData("""var host = {|DS0020:@"10.20.30.40"|};""")]
        [InlineData("var host = {|DS0020:\"\"\"10.20.30.40\"\"\"|};")]
        [InlineData("""var host = {|DS0020:"10.20.30.40"u8|};""")]
        [InlineData("""var host = {|DS0020:"\x31\x30.20.30.40"|};""")]
        [InlineData("""var uri = new Uri({|DS0020:"http://10.20.30.40:8080/api"|});""")]
        [InlineData("""var uri = new Uri({|DS0020:"https://10.20.30.40/"|});""")]
        [InlineData("""var uri = {|DS0020:"amqp://guest:guest@10.1.2.3:5672/"|};""")]
        [InlineData("""var uri = {|DS0020:"mongodb://10.1.2.3:27017,10.1.2.4:27017/?replicaSet=rs0"|};""")]
        [InlineData("""var endpoint = {|DS0020:"10.1.2.3:6379"|};""")]
        [InlineData("""var endpoint = {|DS0020:"10.1.2.3:6379,password=secret"|};""")]
        [InlineData("""var cs = {|DS0020:"Server=10.1.2.3;Database=app;User Id=sa"|};""")]
        [InlineData("""var cs = {|DS0020:"Host=10.1.2.3;Port=5432;Username=app"|};""")]
        [InlineData("""var cs = {|DS0020:"Host=10.1.2.3,10.1.2.4;Port=5432"|};""")]
        [InlineData("""var cs = {|DS0020:"Data Source = 10.1.2.3,1433;Initial Catalog=app"|};""")]
        [InlineData("""var cs = {|DS0020:"Address=10.1.2.3;Port=25"|};""")]
        [InlineData("""var cs = {|DS0020:"Server=tcp:10.1.2.3,1433;Database=app"|};""")]
        [InlineData("""var cs = {|DS0020:"tcp:10.1.2.3,1433"|};""")]
        [InlineData("""var servers = {|DS0020:"10.1.2.3, 10.1.2.4"|};""")]
        [InlineData("""var brokers = {|DS0020:"10.1.2.3:9092;10.1.2.4:9092"|};""")]
        [InlineData("""var share = {|DS0020:@"\\10.1.2.3\share\file.txt"|};""")]
        [InlineData("""var ip = IPAddress.Parse({|DS0020:"10.1.2.3"|});""")]
        [InlineData("""IPAddress.TryParse({|DS0020:"10.1.2.3"|}, out var ip);""")]
        [InlineData("""var ip = {|DS0020:new IPAddress(new byte[] { 10, 1, 2, 3 })|};""")]
        [InlineData("""var ip = {|DS0020:new IPAddress(new byte[4] { 192, 168, 1, 20 })|};""")]
        [InlineData("""var url = $"{|DS0020:http://10.1.2.3:|}{port}/health";""")]
        [InlineData("""var url = $"{x}{|DS0020://10.1.2.3/|}";""")]
        [InlineData(""""var url = $"""{|DS0020:http://10.1.2.3:|}{port}""";"""")]
        [InlineData("""var cs = $"{|DS0020:Server=10.1.2.3;Database=|}{x}";""")]
        [InlineData("""var c = new TcpClient({|DS0020:"10.1.2.3"|}, port);""")]
        [InlineData("""var l = new TcpListener(IPAddress.Parse({|DS0020:"10.1.2.3"|}), port);""")]
        [InlineData("""var kube = {|DS0020:"10.96.0.10"|};""")]
        [InlineData("""var ip = {|DS0020:"2.59.6.2"|};""")]
        [InlineData(""""var raw = {|DS0020:"""10.1.2.3"""|};"""")]
        [InlineData("""var escaped = {|DS0020:"\x31\x30.1.2.3"|};""")]
        public Task AddressIsFlagged(string statement) => VerifyAsync(InMethod(statement));

        [Fact]
        public Task ConstantInterpolationIsEvaluated() => VerifyAsync("""
            class C
            {
                const string A = "192", B = "168", Zero = "0", One = "1";
                const string Ip = {|DS0020:$"{A}.{B}.{Zero}.{One}"|};
                string Other = {|DS0020:$"192.168.{"0"}.1"|};
                string Nested = {|DS0020:$"{$"{A}.{B}"}.{Zero}.{One}"|};
                const string Prefix = "10.20.30.";
                string FromPrefix = {|DS0020:$"{Prefix}40"|};
                string NotAnAddress = $"{A}:{B}";
            }
            """);

        [Fact]
        public Task KnownLocalsAndParametersAreEvaluated() => VerifyAsync("""
            class C
            {
                void M(string known, string unknown)
                {
                    const string a = "192", b = "168", c = "0";
                    known = "255";
                    var d = "7";
                    var ip1 = {|DS0020:$"{a}.{b}.{c}.{d}"|};
                    var ip2 = $"{a}.{b}.{c}.{unknown}";
                    var e = "7";
                    if (unknown.Length > 3) { e = "8"; }
                    var ip3 = $"{a}.{b}.{c}.{e}";
                    var ip4 = {|DS0020:$"{a}.{b}.{c}.{known}"|};
                    string late = "1";
                    var ip5 = $"{a}.{b}.{c}.{f()}";
                    string f() => late;
                }
            }
            """);

        [Fact]
        public Task AddressInAConstantHoleIsReportedWhereItIsWrittenOnly() => VerifyAsync("""
            class C
            {
                const string Host = {|DS0020:"10.1.2.3"|};
                const string Url = $"http://{Host}:8080/";
                string Url2 = "http://" + Host + ":8080/";
            }
            """);

        [Fact]
        public Task DefaultsPropertiesAttributesAndInitializersAreFlagged() => VerifyAsync("""
            using System.ComponentModel;
            class Settings
            {
                [DefaultValue({|DS0020:"10.1.2.3"|})]
                public string Backend { get; set; } = {|DS0020:"10.1.2.4"|};
                public string Cache => {|DS0020:"10.1.2.5"|};
                public void Connect(string host = {|DS0020:"10.1.2.6"|}) { }
                public Func<string, string> F = (string h = {|DS0020:"10.1.2.7"|}) => h;
            }
            class Primary(string host = {|DS0020:"10.1.2.8"|})
            {
                public string Host => host;
                public void Set(Settings? s) { s?.Backend = {|DS0020:"10.1.2.9"|}; }
            }
            """);

        [Fact]
        public Task MessageNamesTheAddressAndWhatToDo() => VerifyAsync(
            InMethod("""var a = "10.1.2.3"; var b = "10.1.2.3,10.1.2.4,10.1.2.5";"""),
            expected: new[]
            {
                new DiagnosticResult(HardCodedIPv4AddressAnalyzer.AddressRule).WithSpan(9, 17, 9, 27)
                    .WithArguments("'10.1.2.3'", "a peer that has only an IPv6 address cannot be reached through it; read it from configuration or use a DNS name that resolves to both families"),
                new DiagnosticResult(HardCodedIPv4AddressAnalyzer.AddressRule).WithSpan(9, 37, 9, 65)
                    .WithArguments("'10.1.2.3' (and 2 more addresses)", "a peer that has only an IPv6 address cannot be reached through it; read it from configuration or use a DNS name that resolves to both families"),
            });

        [Theory]
        [InlineData("8.8.8.8", "2001:4860:4860::8888")]
        [InlineData("8.8.4.4", "2001:4860:4860::8844")]
        [InlineData("1.1.1.1", "2606:4700:4700::1111")]
        [InlineData("1.0.0.1", "2606:4700:4700::1001")]
        [InlineData("169.254.169.254", "fd00:ec2::254")]
        public async Task WellKnownAddressesNameTheirIPv6Counterpart(string address, string counterpart)
        {
            var advice = HardCodedIPv4AddressAnalyzer.AdviceFor(address);
            Assert.Contains(counterpart, advice);
            await VerifyAsync(
                InMethod("var dns = \"" + address + "\";"),
                expected: new DiagnosticResult(HardCodedIPv4AddressAnalyzer.AddressRule).WithSpan(9, 19, 9, 21 + address.Length).WithArguments("'" + address + "'", advice));
        }

        [Fact]
        public void MetadataAdviceSaysOtherCloudsHaveNoIPv6Endpoint()
            => Assert.Contains("other clouds serve it over IPv4 only", HardCodedIPv4AddressAnalyzer.AdviceFor("169.254.169.254"));

        // ---- Not flagged: not an address, or not ours ---------------------------------------------------------

        [Theory]
        [InlineData("1.2.3")]
        [InlineData("1.2.3.4.5")]
        [InlineData("010.1.1.1")]
        [InlineData("10.01.1.1")]
        [InlineData("0x7f.0.0.1")]
        [InlineData("256.1.1.1")]
        [InlineData("10.1.2.3a")]
        [InlineData("v10.1.2.3")]
        [InlineData(" 10.1.2.3")]
        [InlineData("1.2")]
        [InlineData("10.1.2.3.")]
        [InlineData("Connection to 10.1.2.3 failed")]
        [InlineData("see 10.1.2.3 for details")]
        [InlineData("Version=10.1.2.3, Culture=neutral")]
        [InlineData("::ffff:10.1.2.3")]
        [InlineData("64:ff9b::10.1.2.3")]
        [InlineData("[::ffff:10.1.2.3]:80")]
        [InlineData("10.0.0.0/8")]
        [InlineData("http://example.com/10.1.2.3")]
        [InlineData("0.0.0.0")]
        [InlineData("http://0.0.0.0:5000")]
        [InlineData("0.1.2.3")]
        [InlineData("255.255.255.255")]
        [InlineData("255.255.255.0")]
        [InlineData("255.255.240.0")]
        [InlineData("255.0.0.0")]
        [InlineData("192.0.2.10")]
        [InlineData("198.51.100.7")]
        [InlineData("203.0.113.9")]
        [InlineData("http://192.0.2.10:8080/")]
        [InlineData("239.255.255.250")]
        [InlineData("224.0.0.251")]
        [InlineData("240.1.2.3")]
        [InlineData("10.0.0.0")]
        [InlineData("172.16.0.0")]
        [InlineData("2.5.4.3")]
        [InlineData("1.3.6.1")]
        [InlineData("127.0.0.0")]
        [InlineData("8.8.8.8;2001:4860:4860::8888")]
        [InlineData("8.8.8.8 [2001:4860:4860::8888]")]
        public Task TextThatIsNotAnAddressToReportIsSilent(string text) => VerifyAsync(InMethod("var s = \"" + text.Replace("\\", "\\\\") + "\";"));

        [Theory]
        [InlineData("""var v = new Version("10.1.2.3");""")]
        [InlineData("""var v = Version.Parse("10.1.2.3");""")]
        [InlineData("""Version.TryParse("10.1.2.3", out var v);""")]
        [InlineData("""var version = "10.1.2.3";""")]
        [InlineData("""var minimumFileVersion = "10.1.2.3";""")]
        [InlineData("""string[] supportedVersions = { "10.1.2.3", "10.1.2.4" };""")]
        [InlineData("""var d = new System.Collections.Generic.Dictionary<string, string> { ["version"] = "10.1.2.3" };""")]
        [InlineData("""var d = new System.Collections.Generic.Dictionary<string, string> { { "Version", "10.1.2.3" } };""")]
        [InlineData("""var o = new { Version = "10.1.2.3" };""")]
        [InlineData("""SetVersion("10.1.2.3");""")]
        [InlineData("""Write(version: "10.1.2.3");""")]
        [InlineData("""Write("10.1.2.3");""")]
        [InlineData("""var ok = FileVersion() == "10.1.2.3" || FileVersion() != "10.1.2.4";""")]
        [InlineData("""var countryOid = "2.49.6.2";""")]
        [InlineData("""var oid = new System.Security.Cryptography.Oid("1.2.3.4");""")]
        [InlineData("""const string OID_COUNTRY = "2.49.6.2";""")]
        public Task VersionsAndOidsAreSilent(string statement) => VerifyAsync($$"""
            class C
            {
                void M(int port, string x)
                {
                    {{statement}}
                }

                void SetVersion(string value) { }
                void Write(string version) { }
                string FileVersion() => "";
            }
            """);

        [Fact]
        public Task MembersNamedVersionAreSilent() => VerifyAsync("""
            [assembly: System.Reflection.AssemblyFileVersion("10.1.2.3")]
            [assembly: System.Reflection.AssemblyInformationalVersion("10.1.2.3")]
            class Info
            {
                public string Version => "10.1.2.3";
                public string ProductVersion { get; } = "10.1.2.3";
                public string GetDriverVersion() { return "10.1.2.3"; }
                public string AndroidHost = {|DS0020:"10.1.2.3"|};
            }
            """);

        [Fact]
        public Task AnIPv6SiblingInTheSameCollectionSilences() => VerifyAsync("""
            using System.Collections.Generic;
            class Dns
            {
                static readonly string[] Servers = { "8.8.8.8", "2001:4860:4860::8888" };
                static readonly List<IPAddress> Addresses = new List<IPAddress> { IPAddress.Parse("8.8.4.4"), IPAddress.Parse("2001:4860:4860::8844") };
                static readonly IPEndPoint[] Endpoints = [new IPEndPoint(IPAddress.Parse("1.1.1.1"), 53), new IPEndPoint(IPAddress.Parse("2606:4700:4700::1111"), 53)];
                static readonly Dictionary<string, string> ByFamily = new() { ["v4"] = "1.0.0.1", ["v6"] = "2606:4700:4700::1001" };
                static readonly (string, string) Pair = ("9.9.9.9", "2620:fe::fe");
                static readonly string[] Loopbacks = { "127.0.0.1", "::1" };
                static void Add(string v4, string v6) { }
                static string Pick(bool v6) => v6 ? "fd00::10" : "10.1.2.10";
                static void M() { Add("10.1.2.11", "fd00::11"); }
                static readonly string[] Others = { {|DS0020:"10.1.2.12"|}, "backend.local" };
            }
            """);

        [Fact]
        public Task AnIPv6TwinMemberSilencesOnlyItsTwin() => VerifyAsync("""
            class Dns
            {
                public const string GooglePublicDns = "8.8.8.8";
                public const string GooglePublicDnsIPv6 = "2001:4860:4860::8888";
                public static string ResolverV4 => "1.1.1.1";
                public static string ResolverV6 => "2606:4700:4700::1111";
                static readonly IPAddress METADATA_IPV4 = IPAddress.Parse("169.254.169.254");
                static readonly IPAddress METADATA_IPV6 = IPAddress.Parse("fd00:ec2::254");
                public const string Backend = {|DS0020:"10.1.2.3"|};
                public const string Cache = {|DS0020:"10.1.2.4"|};
                public const string UnrelatedV6 = "fd00::1";
                public const string CacheV6Enabled = "true";
                void M()
                {
                    var dnsV4 = "9.9.9.9";
                    var dnsV6 = "2620:fe::fe";
                    var other = {|DS0020:"10.1.2.5"|};
                }
            }
            """);

        [Fact]
        public Task GuardedFallbacksAreSilent() => VerifyAsync("""
            class C
            {
                string Host() => Socket.OSSupportsIPv6 ? "fd00::5" : "10.1.2.3";
                string Host2()
                {
                    if (!Socket.OSSupportsIPv6)
                    {
                        return "10.1.2.4";
                    }

                    return "backend";
                }

                string For(AddressFamily family) => family switch
                {
                    AddressFamily.InterNetwork => "10.1.2.5",
                    _ => "backend",
                };
            }
            """);

        [Fact]
        public Task NetworksAreSilent() => VerifyAsync("""
            class C
            {
                IPNetwork Net = new IPNetwork(IPAddress.Parse("10.1.2.0"), 24);
                IPNetwork Net2 = IPNetwork.Parse("10.1.2.0/24");
            }
            """);

        [Fact]
        public Task PeerComparisonsBelongToDS0040() => VerifyAsync("""
            class C
            {
                bool Allowed(Socket socket, UdpClient udp)
                {
                    var remote = (IPEndPoint)socket.RemoteEndPoint!;
                    if (remote.Address.Equals(IPAddress.Parse("10.1.2.3"))) return true;
                    if (remote.Address.ToString() == "10.1.2.4") return true;
                    IPEndPoint? from = null;
                    udp.Receive(ref from);
                    if (from.Address.ToString() is "10.1.2.6") return true;

                    // Forms LiteralOwnership (DS0040's definition) does not own: the literal rule speaks.
                    if (socket.RemoteEndPoint!.ToString()!.StartsWith({|DS0020:"10.1.2.5:80"|})) return true;
                    switch (from.Address.ToString())
                    {
                        case {|DS0020:"10.1.2.7"|}: return true;
                    }

                    return IPAddress.Parse({|DS0020:"10.1.2.8"|}).Equals(IPAddress.Parse({|DS0020:"10.1.2.9"|}));
                }
            }
            """);

        [Fact]
        public Task PeerComparisonsInAspNetCoreBelongToDS0040() => VerifyAsync(
            """
            using Microsoft.AspNetCore.Http;
            class C
            {
                bool Allowed(HttpContext context)
                    => context.Connection.RemoteIpAddress?.ToString() == "10.1.2.3"
                    || string.Equals(context.Connection.RemoteIpAddress?.ToString(), "10.1.2.4");
            }
            """,
            TestReferences.Net80AspNet);

        [Fact]
        public Task ForwardedHeadersProxyListsBelongToDS0041() => VerifyAsync(
            """
            using Microsoft.AspNetCore.Builder;
            class C
            {
                void Configure(ForwardedHeadersOptions options)
                {
                    options.KnownProxies.Add(IPAddress.Parse("10.1.2.3"));
                    options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.1.2.0"), 24));
                    var o = new ForwardedHeadersOptions { KnownProxies = { IPAddress.Parse("10.1.2.4") } };
                }
            }
            """,
            TestReferences.Net80AspNet);

        // ---- Options -----------------------------------------------------------------------------------------

        [Fact]
        public Task AllowedAddressesAndRangesAreSilent() => VerifyAsync(
            InMethod("""var a = "10.1.2.3"; var b = "169.254.169.254"; var c = {|DS0020:"172.20.0.5"|}; var d = "192.168.7.7";"""),
            editorConfig: "dualstack.allowed_addresses = 10.0.0.0/8, 169.254.169.254 ::ffff:192.168.0.0/112,fd00::/8");

        [Fact]
        public Task AllowedAddressesFromAGlobalConfigApply() => new Analyze
        {
            TestState =
            {
                Sources = { Sources.Usings + InMethod("""var a = "10.1.2.3"; var c = {|DS0020:"172.20.0.5"|};""") },
                AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\ndualstack.allowed_addresses = 10.1.2.3\n") },
            },
        }.RunAsync();

        [Fact]
        public Task TestProjectsAreSkippedByDefault() => new Analyze
        {
            TestState =
            {
                Sources = { Sources.Usings + InMethod("""var a = "10.1.2.3"; var b = "127.0.0.1";""") },
                AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = true\n") },
            },
        }.RunAsync();

        [Fact]
        public Task ProjectsReferencingATestFrameworkAreTestProjects() => new Analyze
        {
            TestState =
            {
                Sources = { Sources.Usings + InMethod("""var a = "10.1.2.3";""") },
                AdditionalReferences = { MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location) },
            },
        }.RunAsync();

        [Fact]
        public Task TestProjectsAreAnalyzedOnRequest() => new Analyze
        {
            TestState =
            {
                Sources = { Sources.Usings + InMethod("""var a = {|DS0020:"10.1.2.3"|}; var b = {|DS0021:"127.0.0.1"|};""") },
                AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = true\ndualstack.analyze_test_code = true\n") },
            },
        }.RunAsync();

        [Fact]
        public Task TypesNamedAsIPv4OnlyProtocolsAreSilent() => VerifyAsync(
            "namespace MyCompany.Dhcp { class Relay { string Server = \"10.1.2.3\"; } }",
            editorConfig: "dualstack.ipv4_only_types = MyCompany.Dhcp.*");

        [Fact]
        public Task GeneratedCodeIsSilent() => new Analyze
        {
            TestState = { Sources = { ("Settings.g.cs", "// <auto-generated/>\n" + Sources.Usings + "class S { string Host = \"10.1.2.3\"; }") } },
        }.RunAsync();

        [Fact]
        public Task SuppressionsAreHonoured() => VerifyAsync("""
            class S
            {
            #pragma warning disable DS0020
                string Host = "10.1.2.3";
            #pragma warning restore DS0020
                [System.Diagnostics.CodeAnalysis.SuppressMessage("DualStack", "DS0020")]
                string Host2 = "10.1.2.4";
                // A comment naming 10.1.2.5 is not code.
                /// <summary>Connects to 10.1.2.6.</summary>
                string Host3 = "backend";
            }
            """);

        // ---- The scanner --------------------------------------------------------------------------------------

        [Theory]
        [InlineData("10.1.2.3", true)]
        [InlineData("255.255.255.255", true)]
        [InlineData("0.0.0.0", true)]
        [InlineData("1.2.3", false)]
        [InlineData("1.2.3.4.5", false)]
        [InlineData("01.2.3.4", false)]
        [InlineData("1.2.3.256", false)]
        [InlineData("1..2.3", false)]
        [InlineData("1.2.3.", false)]
        [InlineData("1234.1.1.1", false)]
        public void StrictDottedQuad(string text, bool valid) => Assert.Equal(valid, DualStackAnalyzers.Internals.IPv4Text.TryParseStrict(text, out _));

        [Fact]
        public void ScannerIsTotalAndAgreesWithItsCheapTest()
        {
            const string alphabet = "0123456789....::://@,;=\\ []tcpServerHost_xv-";
            var random = new System.Random(4);
            for (var n = 0; n < 20000; n++)
            {
                var chars = new char[random.Next(0, 40)];
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = alphabet[random.Next(alphabet.Length)];
                }

                var text = new string(chars);
                foreach (var (openStart, openEnd) in new[] { (false, false), (true, false), (false, true), (true, true) })
                {
                    var matches = DualStackAnalyzers.Internals.IPv4Text.Find(text, openStart, openEnd);
                    Assert.True(matches is null || DualStackAnalyzers.Internals.IPv4Text.MayContainAddress(text), text);
                }

                DualStackAnalyzers.Internals.IPv4Text.ContainsIPv6Address(text);
            }
        }

        // ---- Incomplete code ---------------------------------------------------------------------------------

        [Theory]
        [InlineData("""class C { string H = {|DS0020:"10.1.2.3"|} }""")]
        [InlineData("""class C { void M() { var ip = IPAddress.Parse({|DS0020:"10.1.2.3"|} } }""")]
        [InlineData("""class C { void M() { var ip = new IPAddress(new byte[] { 10, 1, 2, """)]
        [InlineData("""class C { void M() { var ip = {|DS0020:new IPAddress(new byte[] { 10, 1, 2, 3 })|} } }""")]
        [InlineData("""class C { void M() { var u = $"http://10.1.2.{""")]
        [InlineData("""class C { void M() { var u = $"{|DS0020:http://10.1.2.3:|}{Missing}"; } }""")]
        [InlineData("""class C { void M() { Unknown.Connect({|DS0020:"10.1.2.3"|}); } }""")]
        [InlineData("""class C { void M() { var v = new Version("10.1.2.3"; } }""")]
        [InlineData("""class C { string H => {|DS0020:"10.1.2.3"|}""")]
        [InlineData("""[assembly: System.Reflection.AssemblyFileVersion("10.1.2.3"")]""")]
        [InlineData("""class C { void M(Socket s) { s.Connect(IPAddress.Loopback, } }""")]
        public Task IncompleteCodeDoesNotThrow(string source) => new Analyze
        {
            TestCode = Sources.Usings + source,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
    }
}
