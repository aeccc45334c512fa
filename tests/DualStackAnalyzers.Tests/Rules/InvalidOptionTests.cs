using System.Threading.Tasks;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<InvalidOptionAnalyzer>;
    using AnalyzeAddresses = DiagnosticTest<HardCodedIPv4AddressAnalyzer>;

    /// <summary>DS0099 and the parsing of the dualstack.* options: a bad value is reported once and the default applies.</summary>
    public class InvalidOptionTests
    {
        private const string Source = "class C { string Host = \"backend\"; }";

        private static DiagnosticResult Invalid(string message)
            => new DiagnosticResult(InvalidOptionAnalyzer.Rule).WithNoLocation().WithArguments(message);

        [Fact]
        public Task ValidOptionsAreSilent() => new Analyze
        {
            TestState =
            {
                Sources = { Source },
                AnalyzerConfigFiles =
                {
                    ("/.editorconfig", "root = true\n[*.cs]\ndualstack.allowed_addresses = 10.0.0.0/8, 169.254.169.254 fd00::/8 ::1\ndualstack.analyze_test_code = TRUE\ndualstack.ipv4_only_types = MyCompany.Dhcp.*, Legacy.?Server\n"),
                    ("/.globalconfig", "is_global = true\nbuild_property.DualStackAnalysisMode = all\n"),
                },
            },
        }.RunAsync();

        [Fact]
        public Task BadValuesAreReportedOnceEach() => new Analyze
        {
            TestState =
            {
                Sources = { Source, "class D { }", "class E { }" },
                AnalyzerConfigFiles =
                {
                    ("/.editorconfig", "root = true\n[*.cs]\ndualstack.allowed_addresses = 10.0.0.0/33, 10.1.2.3, 300.1.1.1, fd00::/200\ndualstack.analyze_test_code = yes\ndualstack.ipv4_only_types = My Company.Dhcp\n"),
                    ("/.globalconfig", "is_global = true\nbuild_property.DualStackAnalysisMode = Strict\n"),
                },
                ExpectedDiagnostics =
                {
                    Invalid("DualStackAnalysisMode 'Strict' is not Default, All or None; Default is used"),
                    Invalid("dualstack.allowed_addresses: '10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, fd00::/8); it is ignored"),
                    Invalid("dualstack.allowed_addresses: '300.1.1.1' is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, fd00::/8); it is ignored"),
                    Invalid("dualstack.allowed_addresses: 'fd00::/200' is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, fd00::/8); it is ignored"),
                    Invalid("dualstack.analyze_test_code: 'yes' is not true or false; the default (false) is used"),
                    Invalid("dualstack.ipv4_only_types: 'My Company.Dhcp' is not a type name pattern (letters, digits, '_', '.', '*', '?'); it is ignored"),
                },
            },
        }.RunAsync();

        [Fact]
        public Task ValidEntriesNextToABadOneStillApply() => new AnalyzeAddresses
        {
            TestState =
            {
                Sources = { "class C { string A = \"10.1.2.3\"; string B = {|DS0020:\"10.1.2.4\"|}; }" },
                AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\ndualstack.allowed_addresses = banana, 10.1.2.3\ndualstack.analyze_test_code = maybe\n") },
            },
        }.RunAsync();

        [Fact]
        public void ParsingIsTotal()
        {
            var options = DualStackOptions.Parse("A.*, B C", "10.0.0.0/8, x, ::ffff:192.168.0.0/112, 1.2.3.4/", "true");
            Assert.True(options.AnalyzeTestCode);
            Assert.Equal(new[] { "A.*" }, options.IPv4OnlyTypePatterns);
            Assert.True(options.IsAllowed(0x0A010203));
            Assert.True(options.IsAllowed(0xC0A80707));
            Assert.False(options.IsAllowed(0xAC140005));
            Assert.Equal(3, options.Problems.Length);
        }
    }
}
