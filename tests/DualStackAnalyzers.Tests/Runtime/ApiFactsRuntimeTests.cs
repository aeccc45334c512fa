using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// The behaviour DS0012–DS0015 describe, measured on the running .NET: what the flagged code does with IPv6 and
    /// IPv4-mapped addresses, what the compliant code does instead, and how the runtime reads the DisableIPv6 setting
    /// (the matching DS0014 and the configuration-file rules share, <see cref="DisableIPv6Setting"/>).
    /// </summary>
    public class ApiFactsRuntimeTests
    {
        private static readonly IPAddress Mapped = IPAddress.Parse("::ffff:10.0.0.7");
        private static readonly IPAddress Plain = IPAddress.Parse("10.0.0.7");

        private readonly ITestOutputHelper output;

        public ApiFactsRuntimeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        // ---- DS0012 --------------------------------------------------------------------------------------------

        [Fact]
        public void AddressPropertyThrowsForIPv6AndMappedPeers()
        {
#pragma warning disable CS0618
            Assert.Equal(0x0700000AL, Plain.Address);
            Assert.ThrowsAny<SocketException>(() => Mapped.Address);
            Assert.ThrowsAny<SocketException>(() => IPAddress.IPv6Loopback.Address);
#pragma warning restore CS0618
        }

        [Fact]
        public void NumericKeysCollapseWhileNormalisedAddressKeysDoNot()
        {
            static uint Flagged(IPAddress ip) => BitConverter.ToUInt32(ip.GetAddressBytes(), 0);
            static IPAddress Compliant(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

            // The flagged key: ::1, ::2 and every mapped IPv4 client read as 0.
            Assert.Equal(0u, Flagged(IPAddress.IPv6Loopback));
            Assert.Equal(Flagged(IPAddress.IPv6Loopback), Flagged(IPAddress.Parse("::2")));
            Assert.Equal(0u, Flagged(Mapped));
            Assert.NotEqual(Flagged(Plain), Flagged(Mapped));

            // The compliant key: the same client over IPv4 and through a dual-stack socket is one key; IPv6 clients differ.
            Assert.Equal(Compliant(Plain), Compliant(Mapped));
            Assert.NotEqual(Compliant(IPAddress.IPv6Loopback), Compliant(IPAddress.Parse("::2")));
            Assert.Equal(16, Mapped.GetAddressBytes().Length);
        }

        // ---- DS0013 --------------------------------------------------------------------------------------------

        [Fact]
        public void NoneIsTheBroadcastAddress()
        {
            Assert.Equal(IPAddress.Broadcast, IPAddress.None);
            Assert.Equal("255.255.255.255", IPAddress.None.ToString());
        }

        [Fact]
        public void IPv4GroupOnAnIPv6ClientThrows()
        {
            if (!Socket.OSSupportsIPv6)
            {
                output.WriteLine("skipped: no IPv6 on this machine");
                return;
            }

            using var udp = new UdpClient(AddressFamily.InterNetworkV6);
            udp.Client.DualMode = true;
            var thrown = Record.Exception(() => udp.JoinMulticastGroup(IPAddress.Parse("239.255.255.250")));
            Assert.NotNull(thrown);
            output.WriteLine(thrown!.GetType().Name + ": " + thrown.Message);
        }

        [Fact]
        public void TtlOnADualStackSocketSetsOnlyTheIPv6HopLimit()
        {
            if (!Socket.OSSupportsIPv6)
            {
                output.WriteLine("skipped: no IPv6 on this machine");
                return;
            }

            using var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
            Assert.True(socket.DualMode);
            var ipv4Before = (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive)!;
            socket.Ttl = 7;
            var ipv6 = (int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IpTimeToLive)!;
            var ipv4After = (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive)!;
            output.WriteLine($"IPv6 hop limit {ipv6}, IPv4 TTL {ipv4Before} -> {ipv4After}");
            Assert.Equal(7, ipv6);
            Assert.Equal(ipv4Before, ipv4After);
            Assert.NotEqual(7, ipv4After);

            // The compliant code sets the IPv4 level too.
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, 7);
            Assert.Equal(7, (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive)!);
        }

        // ---- DS0015 --------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("10.0.0.1", true, true)]
        [InlineData("fd00::1", false, true)]
        [InlineData("::ffff:10.0.0.7", false, true)]
        [InlineData("fe80::1%2", false, true)]
        [InlineData("not-an-address", false, false)]
        public void FlaggedValidationRejectsIPv6AndTryParseAloneAcceptsIt(string input, bool flaggedAccepts, bool compliantAccepts)
        {
            static bool Flagged(string value) => IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetwork;
            static bool FlaggedRegex(string value) => Regex.IsMatch(value, @"^(\d{1,3}\.){3}\d{1,3}$");
            static bool Compliant(string value) => IPAddress.TryParse(value, out _);

            Assert.Equal(flaggedAccepts, Flagged(input));
            Assert.Equal(flaggedAccepts, FlaggedRegex(input));
            Assert.Equal(compliantAccepts, Compliant(input));
        }

        // ---- DS0014: how the runtime reads the setting ---------------------------------------------------------

        /// <summary>Each value of DOTNET_SYSTEM_NET_DISABLEIPV6, in a child process: off exactly when the shared matcher says so.</summary>
        [Theory]
        [InlineData("1")]
        [InlineData("true")]
        [InlineData("TRUE")]
        [InlineData("0")]
        [InlineData("false")]
        [InlineData("yes")]
        [InlineData(" 1")]
        public void EnvironmentValuesSwitchIPv6OffAsTheMatcherSays(string value)
        {
            if (!Socket.OSSupportsIPv6)
            {
                output.WriteLine("skipped: no IPv6 on this machine");
                return;
            }

            var supported = OSSupportsIPv6InChild((DisableIPv6Setting.EnvironmentVariableName, value), null);
            Assert.Equal(!DisableIPv6Setting.IsOnEnvironmentValue(value), supported);
        }

        [Fact]
        public void TheOlderSocketsNamesSwitchNothingOff()
        {
            if (!Socket.OSSupportsIPv6)
            {
                output.WriteLine("skipped: no IPv6 on this machine");
                return;
            }

            Assert.True(OSSupportsIPv6InChild((DisableIPv6Setting.IgnoredEnvironmentVariableName, "1"), null));
            Assert.True(OSSupportsIPv6InChild(null, "\"" + DisableIPv6Setting.IgnoredSwitchName + "\": true"));
        }

        /// <summary>The switch in runtimeconfig.json (configProperties): a JSON boolean or a string that bool.TryParse reads.</summary>
        [Theory]
        [InlineData("true", "true")]
        [InlineData("\"true\"", "true")]
        [InlineData("\" True \"", " True ")]
        [InlineData("\"1\"", "1")]
        [InlineData("false", "false")]
        public void RuntimeConfigValuesSwitchIPv6OffAsTheMatcherSays(string json, string asText)
        {
            if (!Socket.OSSupportsIPv6)
            {
                output.WriteLine("skipped: no IPv6 on this machine");
                return;
            }

            var supported = OSSupportsIPv6InChild(null, "\"" + DisableIPv6Setting.SwitchName + "\": " + json);
            Assert.Equal(!DisableIPv6Setting.IsOnSwitchValue(asText), supported);
        }

        private static readonly Lazy<string> Probe = new Lazy<string>(() =>
        {
            var directory = Directory.CreateTempSubdirectory("dualstack-probe-").FullName;
            var compilation = CSharpCompilation.Create(
                "probe",
                new[] { CSharpSyntaxTree.ParseText("System.Console.WriteLine(System.Net.Sockets.Socket.OSSupportsIPv6);", new CSharpParseOptions(LanguageVersion.Latest)) },
                FixedCode.RuntimeReferences.Value,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication));
            var dll = Path.Combine(directory, "probe.dll");
            var emitted = compilation.Emit(dll);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return dll;
        });

        private static bool OSSupportsIPv6InChild((string Name, string Value)? variable, string? configProperty)
        {
            var dll = Probe.Value;
            var version = Environment.Version;
            var config = Path.Combine(Path.GetDirectoryName(dll)!, Guid.NewGuid().ToString("N") + ".runtimeconfig.json");
            File.WriteAllText(config,
                "{\"runtimeOptions\":{\"tfm\":\"net" + version.Major + "." + version.Minor + "\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\""
                + version.Major + "." + version.Minor + ".0\"}" + (configProperty is null ? string.Empty : ",\"configProperties\":{" + configProperty + "}") + "}}");

            var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "exec", "--runtimeconfig", config, dll })
            {
                start.ArgumentList.Add(argument);
            }

            // The child must not inherit a setting from the machine running the tests.
            start.Environment.Remove(DisableIPv6Setting.EnvironmentVariableName);
            start.Environment.Remove(DisableIPv6Setting.IgnoredEnvironmentVariableName);
            if (variable is { } v)
            {
                start.Environment[v.Name] = v.Value;
            }

            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "the probe did not exit");
            Assert.True(process.ExitCode == 0, errors);
            return bool.Parse(text.Trim().Split('\n').Last());
        }

        private static string DotnetHost()
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            var candidate = Path.Combine(FixedCode.RuntimeDirectory, "..", "..", "..", "dotnet");
            return File.Exists(candidate) ? Path.GetFullPath(candidate) : "dotnet";
        }
    }
}
