using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<HardCodedIPv4AddressAnalyzer>;

    /// <summary>
    /// The 66 inputs of SonarSource's S1313 ("IP addresses should not be hardcoded", C#), written as our own test
    /// sources from the behavioural list in shared/peer-cases/sonar-s1313.md. Each case states S1313's verdict and,
    /// through markup, OURS; where the two differ on purpose, <see cref="Case.Why"/> says why and docs/rules/DS0020.md
    /// lists it.
    /// </summary>
    public class SonarS1313PeerSuiteTests
    {
        public sealed record Case(int Id, int SonarFlags, string Code, string? Why = null)
        {
            public int OurFlags => Regex.Matches(Code, @"\{\|DS002[01]:").Count;

            public override string ToString() => "#" + Id;
        }

        private const string IPv6 = "DS0020 is about IPv4: S1313 also flags IPv6 literals; an IPv6 address is what a dual-stack workload should use";
        private const string Loopback = "S1313 ignores loopback; we report client-side 127.0.0.0/8 as DS0021 (Info): a service that listens only on ::1 is not reached";

        public static readonly Case[] Cases =
        {
            new(1, 0, """[Some({|DS0021:"127.0.0.1"|})] public C() { }""", "S1313 skips attribute arguments; we read them (a [DefaultValue] host is a hard-coded target) and report loopback as DS0021"),
            new(2, 1, """void M() { string ip = {|DS0020:"192.168.0.1"|}; }"""),
            new(3, 0, """void M() { string ip = "300.0.0.0"; }"""),
            new(4, 0, """void M() { string ip = {|DS0021:"127.0.0.1"|}; }""", Loopback),
            new(5, 0, """void M() { string ip = "    127.0.0.0    "; }"""),
            new(6, 0, """void M() { string ip = @"    ""127.0.0.0""    "; }"""),
            new(7, 0, """void M() { string ip = "2001:db8:1234:ffff:ffff:ffff:ffff:ffff"; }"""),
            new(8, 1, """void M() { string ip = "2002:db8:1234:ffff:ffff:ffff:ffff:ffff"; }""", IPv6),
            new(9, 1, """void M() { string ip = "2001:abcd:1234:ffff:ffff:ffff:ffff:ffff"; }""", IPv6),
            new(10, 1, """void M() { string ip = "2002:db8::ff00:42:8329"; }""", IPv6),
            new(11, 0, """void M() { string ip = "::/0"; }"""),
            new(12, 0, """void M() { string ip = "::"; }"""),
            new(13, 0, """void M() { string ip = "2"; }"""),
            new(14, 1, """void M() { string ip = "::2"; }""", IPv6),
            new(15, 1, """void M() { string ip = "0:0:0:0:0:0:0:2"; }""", IPv6),
            new(16, 1, """void M() { string ip = "0:0::0:2"; }""", IPv6),
            new(17, 1, """void M() { string ip = "1623:0000:0000:0000:0000:0000:0000:0001"; }""", IPv6),
            new(18, 0, """void M() { new Version("127.0.0.0"); }"""),
            new(19, 0, """void M() { new Version("192.168.0.1"); }"""),
            new(20, 0, """void M() { new AnyAssemblyClass("127.0.0.0"); }"""),
            new(21, 0, """void M() { Helpers.WriteAssemblyInfo("ProjectWithDependenciesWithContent", "1.2.0.0", "Thomas", "Project with content", "Title of Package"); }"""),
            new(22, 0, """void M() { string broadcastAddress = "255.255.255.255"; }"""),
            new(23, 0, """void M() { string loopbackAddress1 = {|DS0021:"127.0.0.1"|}; }""", Loopback),
            new(24, 0, """void M() { string loopbackAddress2 = {|DS0021:"127.2.3.4"|}; }""", Loopback),
            new(25, 0, """void M() { string loopbackAddress3 = "::ffff:127.0.0.1"; }"""),
            new(26, 0, """void M() { string loopbackAddress4 = "::ffff:127.2.3.4"; }"""),
            new(27, 0, """void M() { string loopbackAddress5 = "::1"; }"""),
            new(28, 1, """void M() { string loopbackAddress6 = "64:ff9b::127.2.3.4"; }""", IPv6),
            new(29, 1, """void M() { string loopbackAddress7 = "::ffff:0:127.2.3.4"; }""", IPv6),
            new(30, 0, """void M() { string nonRoutableAddress = "0.0.0.0"; }"""),
            new(31, 0, """void M() { string documentationRange1 = "192.0.2.111"; }"""),
            new(32, 0, """void M() { string documentationRange2 = "198.51.100.111"; }"""),
            new(33, 0, """void M() { string documentationRange3 = "203.0.113.111"; }"""),
            new(34, 0, """void M() { string notAnIp1 = "0.0.0.1234"; }"""),
            new(35, 0, """void M() { string country_oid = "2.5.6.2"; }"""),
            new(36, 0, """void M() { string subschema_oid = "2.5.20.1"; }"""),
            new(37, 1, """void M() { string not_considered_as_an_oid = "2.59.6.2"; }""", "the variable's name has the word 'oid', which rules.md treats as an OID context; S1313 looks only at the 2.5. prefix (\"2.59.6.2\" alone is flagged: HardCodedIPv4AddressTests)"),
            new(38, 0, """void M() { string a = "::1", b = "0:0:0:0:0:0:0:1", c = "0:0::0:1", d = "0000:0000:0000:0000:0000:0000:0000:0001"; }"""),
            new(39, 0, """void M() { string a = "::", b = "0:0:0:0:0:0:0:0", c = "0::0", d = "0000:0000:0000:0000:0000:0000:0000:0000"; }"""),
            new(40, 0, """void M() { string a = "2001:0db8:0000:0000:0000:ff00:0042:8329", b = "2001:db8:0:0:0:ff00:42:8329", c = "2001:db8::ff00:42:8329"; }"""),
            new(41, 0, """void M() { string a = "1::2::3", b = "20015555:db8:1234:ffff:ffff:ffff:ffff:ffff", c = "2001:db8:1234:ffff:ffff:ffff:ffff:ffff:1623:2316", d = ":::4"; }"""),
            new(42, 1, """void M() { string invalidIp = {|DS0020:$"192.168.{"0"}.1"|}; }"""),
            new(43, 1, """void M() { const string part1 = "192", part2 = "168", part3 = "0", part4 = "1"; const string ip1 = {|DS0020:$"{part1}.{part2}.{part3}.{part4}"|}; }"""),
            new(44, 0, """void M() { const string part1 = "192", part2 = "168"; const string nonIp = $"{part1}:{part2}"; }"""),
            new(45, 1, """void M(string knownPart) { const string part1 = "192", part2 = "168", part3 = "0"; knownPart = "255"; string ip2 = {|DS0020:$"{part1}.{part2}.{part3}.{knownPart}"|}; }"""),
            new(46, 0, """void M(string unknownPart) { const string part1 = "192", part2 = "168", part3 = "0"; string ip3 = $"{part1}.{part2}.{part3}.{unknownPart}"; }"""),
            new(47, 1, """void M() { const string part1 = "192", part2 = "168", part3 = "0", part4 = "1"; const string nested = {|DS0020:$"{$"{part1}.{part2}"}.{part3}.{part4}"|}; }"""),
            new(48, 1, """void M(string knownPart) { const string part1 = "192", part3 = "0", part4 = "1"; knownPart = "255"; string nested = {|DS0020:$"{$"{part1}.{knownPart}"}.{part3}.{part4}"|}; }"""),
            new(49, 1, """"void M() { string ip1 = {|DS0020:"""192.168.0.1"""|}; }""""),
            new(50, 1, """void M() { var ip2 = {|DS0020:"192.168.0.1"u8|}; }"""),
            new(51, 1, """void M() { var ip3 = {|DS0020:"\x31\x39\x32\x2E\x31\x36\x38\x2E\x30\x2E\x31"u8|}; }"""),
            new(52, 1, """"void M() { var ip4 = {|DS0020:"""192.168.0.1"""u8|}; }""""),
            new(53, 1, """"
                void M()
                {
                    var ip5 = {|DS0020:"""
                        192.168.0.1
                        """u8|};
                }
                """"),
            new(54, 1, """
                void M()
                {
                    const string s1 = "1";
                    const string s2 = "";
                    string nonCompliant = {|DS0020:$"192.168.0.{s1 +
                        s2}"|};
                }
                """),
            new(55, 1, """"
                void M()
                {
                    const string s1 = "1";
                    const string s2 = "";
                    string nonCompliantRawString = {|DS0020:$$"""192.168.0.{{s1 + s2}}"""|};
                }
                """"),
            new(56, 2, """class Primary(string ctorParam = {|DS0020:"192.168.0.1"|}, string ctorParam2 = {|DS0020:$"192.168.{"0"}.1"|}) { }"""),
            new(57, 2, """void Method(string methodParam = {|DS0020:"192.168.0.1"|}, string methodParam2 = {|DS0020:$"192.168.{"0"}.1"|}) { }"""),
            new(58, 2, """void M() { var lambda = (string lambdaParam = {|DS0020:"192.168.0.1"|}, string lambdaParam2 = {|DS0020:$"192.168.{"0"}.1"|}) => lambdaParam; }"""),
            new(59, 0, """void M() { _ = "\e192.168.0.1"; _ = "\u001b192.168.0.1"; _ = "192\e.168.0.1"; _ = "192.\e168.0.1"; _ = "192.168.\e0.1"; _ = "192.168.0.1\e"; }"""),
            new(60, 0, """string MyProperty2 { get; set; } = ""; void M() { _ = $"{MyProperty2}168.0.1"; }"""),
            new(61, 1, """partial class P { partial string MyProperty { get; } } partial class P { partial string MyProperty => {|DS0020:"192.168.0.1"|}; }"""),
            new(62, 0, """partial class P { partial string MyProperty2 { get; } } partial class P { partial string MyProperty2 => "192."; }"""),
            new(63, 2, """static class Extensions { extension(string) { public static string NoncompliantProp => {|DS0020:"192.168.0.1"|}; public static string NoncompliantMethod() => {|DS0020:"192.168.0.1"|}; } }"""),
            new(64, 0, """static class Extensions { extension(string) { public static string CompliantProp => "192."; public static string CompliantMethod() => "192."; } }"""),
            new(65, 1, """class Sample { public string IP { get; set; } = ""; } class C { void M(Sample sample) { sample?.IP = {|DS0020:"192.168.0.1"|}; } }"""),
            new(66, 0, """class Sample { public string IP { get; set; } = ""; } class C { void M(Sample sample) { sample.IP = "192."; } }"""),
        };

        public static TheoryData<int> AllCases
        {
            get
            {
                var data = new TheoryData<int>();
                foreach (var @case in Cases)
                {
                    data.Add(@case.Id);
                }

                return data;
            }
        }

        [Theory]
        [MemberData(nameof(AllCases))]
        public Task OurVerdict(int id)
        {
            var @case = Cases.Single(c => c.Id == id);
            var code = @case.Code.TrimStart().StartsWith("class ") || @case.Code.TrimStart().StartsWith("static class") || @case.Code.TrimStart().StartsWith("partial class")
                ? @case.Code
                : "class HardcodedIpAddress\n{\n" + @case.Code.Replace("public C()", "public HardcodedIpAddress()") + "\n}";
            var (source, expected) = StripMarkup(Sources.Usings + code);
            var test = new Analyze
            {
                TestState = { MarkupHandling = MarkupMode.None },
            };
            test.TestState.Sources.Add(source + """

                    public class AnyAssemblyClass { public AnyAssemblyClass(string s) { } }
                    public class SomeAttribute : Attribute { public SomeAttribute(string s) { } }
                    public static class Helpers { public static void WriteAssemblyInfo(string assemblyName, string version, string author, string description, string title) { } }
                    """);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        /// <summary>
        /// Our verdict is written as {|DS0020:…|} markup; the testing library's own markup parser would also read
        /// "$$" (raw interpolations) as a caret, so the markup is resolved here.
        /// </summary>
        private static (string Source, List<DiagnosticResult> Expected) StripMarkup(string marked)
        {
            var source = new StringBuilder();
            var expected = new List<DiagnosticResult>();
            var open = new Stack<(string Id, int Line, int Column)>();
            int line = 1, column = 1;
            for (var i = 0; i < marked.Length; i++)
            {
                if (marked[i] == '{' && i + 1 < marked.Length && marked[i + 1] == '|' && marked.IndexOf(':', i) is var colon and > 0 && colon - i == 8)
                {
                    open.Push((marked.Substring(i + 2, 6), line, column));
                    i = colon;
                    continue;
                }

                if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == '}' && open.Count > 0)
                {
                    var (id, startLine, startColumn) = open.Pop();
                    var descriptor = id == "DS0020" ? HardCodedIPv4AddressAnalyzer.AddressRule : HardCodedIPv4AddressAnalyzer.LoopbackRule;
                    expected.Add(new DiagnosticResult(descriptor.Id, descriptor.DefaultSeverity).WithSpan(startLine, startColumn, line, column));
                    i++;
                    continue;
                }

                source.Append(marked[i]);
                if (marked[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return (source.ToString(), expected);
        }

        [Fact]
        public void SuiteHasEveryInput() => Assert.Equal(Enumerable.Range(1, 66), Cases.Select(c => c.Id));

        [Fact]
        public void EveryDifferenceIsExplained()
        {
            foreach (var @case in Cases.Where(c => c.SonarFlags != c.OurFlags))
            {
                Assert.False(string.IsNullOrEmpty(@case.Why), "#" + @case.Id + " differs from S1313 without a reason");
            }
        }

        /// <summary>The agreement count of the closing note: a case agrees when both report the same number of findings.</summary>
        [Fact]
        public void AgreementCount()
        {
            var agreements = Cases.Count(c => c.SonarFlags == c.OurFlags);
            var differences = Cases.Where(c => c.SonarFlags != c.OurFlags).Select(c => c.Id).ToArray();
            Assert.Equal(new[] { 1, 4, 8, 9, 10, 14, 15, 16, 17, 23, 24, 28, 29, 37 }, differences);
            Assert.Equal(52, agreements);
        }
    }
}
