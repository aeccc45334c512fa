using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<IPv4OnlyAddressRepresentationAnalyzer>;

    public class IPv4OnlyAddressRepresentationTests
    {
        private const string Usings = """
            using System;
            using System.Buffers.Binary;
            using System.Linq;
            using System.Net;
            using System.Net.NetworkInformation;
            using System.Net.Sockets;
            #pragma warning disable CS0618 // IPAddress.Address is obsolete: the point of the rule

            """;

        private static Task RunAsync(string body, ReferenceAssemblies? references = null)
        {
            var test = new Analyze { TestCode = Usings + body };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            return test.RunAsync();
        }

        private static Task MemberAsync(string member) => RunAsync("class C\n{\n" + member + "\n}\n");

        // ---- Flagged ------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("IPAddress M(long value) => {|DS0012:new IPAddress(value)|};")]
        [InlineData("IPAddress M(uint value) => {|DS0012:new IPAddress(value)|};")]
        [InlineData("IPAddress M() => {|DS0012:new IPAddress(0x0100007F)|};")]
        [InlineData("IPAddress M(uint n) => {|DS0012:new IPAddress(BitConverter.GetBytes(n))|};")]
        [InlineData("long M(IPAddress ip) => {|DS0012:ip.Address|};")]
        [InlineData("void M(IPAddress ip, long v) { {|DS0012:ip.Address|} = v; }")]
        [InlineData("long M(Socket s) => {|DS0012:((IPEndPoint)s.RemoteEndPoint!).Address.Address|};")]
        [InlineData("long M() => {|DS0012:IPAddress.IPv6Loopback.Address|};")]
        [InlineData("uint M(IPAddress ip) => {|DS0012:BitConverter.ToUInt32(ip.GetAddressBytes(), 0)|};")]
        [InlineData("int M(IPAddress ip) => {|DS0012:BitConverter.ToInt32(ip.GetAddressBytes(), 0)|};")]
        [InlineData("uint M(IPAddress ip) => {|DS0012:BitConverter.ToUInt32(Enumerable.Reverse(ip.GetAddressBytes()).ToArray(), 0)|};")]
        [InlineData("uint M(IPAddress ip) => {|DS0012:BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes())|};")]
        [InlineData("int M(IPAddress ip) => {|DS0012:BinaryPrimitives.ReadInt32LittleEndian(ip.GetAddressBytes().AsSpan())|};")]
        [InlineData("byte M(IPAddress ip) => {|DS0012:ip.GetAddressBytes()[3]|};")]
        [InlineData("void M(IPAddress ip, byte[] packet) { {|DS0012:Array.Copy(ip.GetAddressBytes(), 0, packet, 4, 4)|}; }")]
        [InlineData("void M(IPAddress ip, byte[] packet) { {|DS0012:Buffer.BlockCopy(ip.GetAddressBytes(), 0, packet, 8, 4)|}; }")]
        [InlineData("void M(IPAddress ip) { var buffer = new byte[4]; {|DS0012:ip.GetAddressBytes().CopyTo(buffer, 0)|}; }")]
        [InlineData("bool M(IPAddress ip) { Span<byte> buffer = stackalloc byte[4]; return {|DS0012:ip.TryWriteBytes(buffer, out _)|}; }")]
        [InlineData("bool M(IPAddress ip) => {|DS0012:ip.TryWriteBytes(new byte[4], out _)|};")]
        public Task FlaggedForms(string member) => MemberAsync(member);

        [Fact]
        public async Task BytesThroughALocalAreReportedWhereReadWithTheOriginAsAdditionalLocation()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class RateLimiter
                    {
                        uint Key(IPAddress remote)
                        {
                            var bytes = {|#1:remote.GetAddressBytes()|};
                            Array.Reverse(bytes);
                            return {|#0:BitConverter.ToUInt32(bytes, 0)|};
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IPv4OnlyAddressRepresentationAnalyzer.Rule)
                .WithLocation(0).WithLocation(1)
                .WithArguments("BitConverter.ToUInt32(bytes, 0)", IPv4OnlyAddressRepresentationAnalyzer.ReadsNumber));
            await test.RunAsync();
        }

        [Fact]
        public async Task DottedTextFromFourBytesIsReportedOnceAtTheHighestIndex()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Formatter
                    {
                        string Format(IPAddress ip)
                        {
                            var b = {|#1:ip.GetAddressBytes()|};
                            return $"{b[0]}.{b[1]}.{b[2]}.{{|#0:b[3]|}} and again {b[3]}";
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IPv4OnlyAddressRepresentationAnalyzer.Rule)
                .WithLocation(0).WithLocation(1).WithArguments("b[3]", IPv4OnlyAddressRepresentationAnalyzer.FourBytes));
            await test.RunAsync();
        }

        [Fact]
        public async Task FourStepLoopOverAddressBytesIsFlagged()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Hasher
                    {
                        uint Hash(IPAddress ip)
                        {
                            var b = {|#1:ip.GetAddressBytes()|};
                            uint value = 0;
                            for (var i = 0; i < 4; i++)
                            {
                                value = (value << 8) | {|#0:b[i]|};
                            }

                            return value;
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IPv4OnlyAddressRepresentationAnalyzer.Rule)
                .WithLocation(0).WithLocation(1).WithArguments("b[i]", IPv4OnlyAddressRepresentationAnalyzer.FourBytes));
            await test.RunAsync();
        }

        [Fact]
        public Task NormalisingMappedAddressesIsNotEnoughForNativeIPv6() => MemberAsync("""
            uint Key(IPAddress ip)
            {
                if (ip.IsIPv4MappedToIPv6)
                {
                    ip = ip.MapToIPv4();
                }

                return {|DS0012:BitConverter.ToUInt32(ip.GetAddressBytes(), 0)|};
            }
            """);

        [Fact]
        public async Task ShiftedBytesAreFlagged()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class C
                    {
                        uint ToNumber(IPAddress ip)
                        {
                            var b = {|#1:ip.GetAddressBytes()|};
                            return (uint)((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | {|#0:b[3]|});
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IPv4OnlyAddressRepresentationAnalyzer.Rule).WithLocation(0).WithLocation(1)
                .WithArguments("b[3]", IPv4OnlyAddressRepresentationAnalyzer.FourBytes));
            await test.RunAsync();
        }

        [Fact]
        public Task ReversedWithLinqBeforeCSharp14IsFlagged() => new Analyze
        {
            // C# 14 binds array.Reverse() to the in-place span overload; older code means Enumerable.Reverse.
            LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12,
            TestCode = Usings + """
                class C
                {
                    uint M(IPAddress ip) => {|DS0012:BitConverter.ToUInt32(ip.GetAddressBytes().Reverse().ToArray(), 0)|};
                }
                """,
        }.RunAsync();

        [Fact]
        public Task NetFrameworkTargetIsFlaggedToo() => new Analyze
        {
            ReferenceAssemblies = TestReferences.Net461,
            TestCode = """
            using System;
            using System.Net;
            #pragma warning disable CS0618
            class C
            {
                long M(IPAddress ip) { return {|DS0012:ip.Address|}; }
                uint N(IPAddress ip) => {|DS0012:BitConverter.ToUInt32(ip.GetAddressBytes(), 0)|};
            }
            """,
        }.RunAsync();

        // ---- Must not flag ------------------------------------------------------------------------------------

        [Fact]
        public Task FamilyGuardedCodeIsSilent() => MemberAsync("""
            uint? A(IPAddress ip)
            {
                if (ip.AddressFamily == AddressFamily.InterNetwork)
                {
                    var b = ip.GetAddressBytes();
                    var last = b[3];
                    return BitConverter.ToUInt32(b, 0) + last;
                }

                return null;
            }

            uint? B(IPAddress ip)
            {
                if (ip.AddressFamily != AddressFamily.InterNetwork)
                {
                    return null;
                }

                return BitConverter.ToUInt32(ip.GetAddressBytes(), 0);
            }

            long C2(IPAddress ip) => ip.AddressFamily switch
            {
                AddressFamily.InterNetwork => ip.Address,
                _ => -1,
            };

            long D(IPAddress ip)
            {
                switch (ip.AddressFamily)
                {
                    case AddressFamily.InterNetwork:
                        return ip.Address;
                    default:
                        return -1;
                }
            }

            uint E(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork ? BitConverter.ToUInt32(ip.GetAddressBytes(), 0) : 0;

            uint F(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? BitConverter.ToUInt32(ip.MapToIPv4().GetAddressBytes(), 0) : 0;
            """);

        [Fact]
        public Task LengthAwareCodeIsSilent() => MemberAsync("""
            uint A(IPAddress ip)
            {
                var b = ip.GetAddressBytes();
                return b.Length == 4 ? BitConverter.ToUInt32(b, 0) : 0;
            }

            string B(IPAddress ip)
            {
                var b = ip.GetAddressBytes();
                if (b.Length != 4)
                {
                    return ip.ToString();
                }

                return b[0] + "." + b[1] + "." + b[2] + "." + b[3];
            }

            void C2(IPAddress ip, byte[] packet)
            {
                var b = ip.GetAddressBytes();
                Array.Copy(b, 0, packet, 4, b.Length);
            }
            """);

        [Fact]
        public Task IndexingThatIsNotFourBytesIsSilent() => MemberAsync("""
            // Leading bytes only: link-local / unique-local tests.
            bool A(IPAddress ip)
            {
                var b = ip.GetAddressBytes();
                return b[0] == 0xfe && (b[1] & 0xc0) == 0x80;
            }

            // Reads past four bytes: the code knows the address can be longer.
            byte B(IPAddress ip)
            {
                var b = ip.GetAddressBytes();
                return (byte)(b[3] ^ b[15]);
            }

            // The IPv4 part of an IPv6 address.
            uint C2(IPAddress ip) => BitConverter.ToUInt32(ip.GetAddressBytes(), 12);

            // Byte arrays that are not addresses.
            uint D(byte[] buffer) => BitConverter.ToUInt32(buffer, 0) + buffer[3];

            // A loop bounded by the length.
            int E(IPAddress ip)
            {
                var b = ip.GetAddressBytes();
                var sum = 0;
                for (var i = 0; i < b.Length; i++) sum += b[i];
                return sum;
            }

            // IPEndPoint.Address is an IPAddress, not the obsolete long.
            IPAddress F(IPEndPoint endpoint) => endpoint.Address;
            """);

        [Fact]
        public Task AddressesKnownToBeIPv4AreSilent() => MemberAsync("""
            long A() => IPAddress.Loopback.Address;

            long B() => IPAddress.Parse("10.0.0.1").Address;

            byte C2(UnicastIPAddressInformation info) => info.IPv4Mask.GetAddressBytes()[3];

            long D(UnicastIPAddressInformation info) => info.IPv4Mask.Address;

            byte E(IPAddress ip) => ip.MapToIPv4().GetAddressBytes()[3];

            uint F(IPAddress[] addresses)
            {
                var v4 = addresses.First(a => a.AddressFamily == AddressFamily.InterNetwork);
                return BitConverter.ToUInt32(v4.GetAddressBytes(), 0);
            }

            uint G(IPAddress[] addresses)
                => addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Select(a => BitConverter.ToUInt32(a.GetAddressBytes(), 0)).FirstOrDefault();

            uint H(IPAddress ipv4Address) => BitConverter.ToUInt32(ipv4Address.GetAddressBytes(), 0);

            // new IPAddress(0) is IPAddress.Any (DS0001 reports it where it is bound).
            IPEndPoint I() => new IPEndPoint(new IPAddress(0), 0);
            """);

        [Fact]
        public Task HelpersNamedForIPv4AreSilent() => MemberAsync("""
            static uint IPv4ToUInt32(IPAddress address) => BitConverter.ToUInt32(address.GetAddressBytes(), 0);

            static IPAddress UInt32ToIPv4(uint value) => new IPAddress(value);
            """);

        [Fact]
        public Task CodeThatAlsoHandlesIPv6IsSilent() => MemberAsync("""
            // STUN-style attribute parsing: family 1 is four bytes, family 2 sixteen.
            IPAddress Read(System.IO.BinaryReader reader, byte family)
                => family == 1 ? new IPAddress(reader.ReadUInt32()) : new IPAddress(reader.ReadBytes(16));

            const byte AddressTypeIPv6 = 4;

            IPAddress ReadSocks(System.IO.BinaryReader reader, byte type)
            {
                if (type == AddressTypeIPv6)
                {
                    return new IPAddress(reader.ReadBytes(16));
                }

                return new IPAddress(reader.ReadUInt32());
            }
            """);

        [Fact]
        public Task IPv4OnlyProtocolTypesAreSilent() => RunAsync("""
            class WakeOnLan
            {
                void Send(UdpClient udp, IPAddress ip, IPAddress mask, byte[] packet)
                {
                    udp.EnableBroadcast = true;
                    var broadcast = new IPAddress(BitConverter.ToUInt32(ip.GetAddressBytes(), 0) | ~BitConverter.ToUInt32(mask.GetAddressBytes(), 0));
                    udp.Send(packet, packet.Length, new IPEndPoint(broadcast, 9));
                }
            }
            """);

        [Fact]
        public Task TypesNamedByTheOptionAreSilent() => new Analyze
        {
            TestState =
            {
                Sources = { Usings + "namespace Geo { class Lookup { uint Key(IPAddress ip) => BitConverter.ToUInt32(ip.GetAddressBytes(), 0); } }" },
                AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\ndualstack.ipv4_only_types = Geo.Lookup\n") },
            },
        }.RunAsync();

        [Fact]
        public Task GeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources = { ("Key.g.cs", "// <auto-generated/>\n" + Usings + "class C { uint Key(IPAddress ip) => BitConverter.ToUInt32(ip.GetAddressBytes(), 0); }") },
            },
        }.RunAsync();

        [Fact]
        public Task PragmaSuppressionIsHonoured() => MemberAsync("""
            #pragma warning disable DS0012
            uint Key(IPAddress ip) => BitConverter.ToUInt32(ip.GetAddressBytes(), 0);
            #pragma warning restore DS0012
            """);

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("var a = new IPAddress();")]
        [InlineData("var a = new IPAddress(")]
        [InlineData("var n = BitConverter.ToUInt32(ip.GetAddressBytes(), );")]
        [InlineData("var n = BitConverter.ToUInt32(ip.GetAddressBytes()")]
        [InlineData("var b = ip.GetAddressBytes(); var x = b[];")]
        [InlineData("var b = ip.GetAddressBytes(); for (var i = 0; i < 4; ) { var x = b[i]; }")]
        [InlineData("var b = ip.GetAddressBytes(); for (var i = 0; i < ; i++) { var x = b[i]; }")]
        [InlineData("var l = ip.Address.;")]
        [InlineData("var l = undefined.Address;")]
        [InlineData("Array.Copy(ip.GetAddressBytes(), 0, , 0, 4);")]
        [InlineData("ip.TryWriteBytes(stackalloc byte[], out _);")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = Usings + "class C { void Run(IPAddress ip) { " + statements + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }
    }
}
