using System;
using System.Net;
using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// DS0030 (R7) proven by running it: the fixer rewrites a library of host:port builders, the fixed library is compiled
    /// and called, and every endpoint it builds round-trips through IPEndPoint.Parse and new Uri for ::1, fe80::1 and
    /// 10.0.0.1. The original library is called too: it must fail for ::1, else these tests would prove nothing.
    /// </summary>
    public class EndpointTextFixRuntimeTests
    {
        private const string Source = """
            using System;
            using System.Net;

            public static class Endpoints
            {
                public static string Interpolated(IPAddress ip, int port) => $"{ip}:{port}";

                public static string Concatenated(IPAddress ip, int port) => ip + ":" + port;

                public static string Formatted(IPAddress ip, int port) => string.Format("{0}:{1}", ip, port);

                public static string FromText(IPAddress ip, int port) => ip.ToString() + ":" + port;

                public static string Url(IPAddress ip, int port) => $"http://{ip}:{port}/api/items?page=2";

                public static Uri UriFromHost(string host, int port) => new Uri($"http://{host}:{port}/api");
            }
            """;

        private static readonly string[] HostPortMethods = { "Interpolated", "Concatenated", "Formatted", "FromText" };

        private readonly ITestOutputHelper output;

        public EndpointTextFixRuntimeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static TheoryData<string> Addresses => new TheoryData<string> { "::1", "fe80::1", "10.0.0.1" };

        private static Task<string> FixedSourceAsync()
            => FixedCode.ApplyAsync(Source, new HostPortTextBreaksOnIPv6Analyzer(), new HostPortTextBreaksOnIPv6Fixer(), "DS0030", HostPortTextBreaksOnIPv6Fixer.BracketHostKey);

        [Theory]
        [MemberData(nameof(Addresses))]
        public async Task FixedHostPortTextRoundTripsThroughIPEndPointParseAndUri(string text)
        {
            var fixedSource = await FixedSourceAsync();
            output.WriteLine(fixedSource);
            Assert.DoesNotContain("$\"{ip}:{port}\"", fixedSource);

            var address = IPAddress.Parse(text);
            const int port = 8080;
            using var library = InMemoryLibrary.Compile(fixedSource);
            foreach (var method in HostPortMethods)
            {
                var endpoint = (string)library.Call("Endpoints", method, address, port)!;
                output.WriteLine($"{method}({text}) = {endpoint}");

                Assert.Equal(new IPEndPoint(address, port), IPEndPoint.Parse(endpoint));

                var uri = new Uri("tcp://" + endpoint);
                Assert.Equal(address, IPAddress.Parse(uri.Host));
                Assert.Equal(port, uri.Port);
            }
        }

        [Theory]
        [MemberData(nameof(Addresses))]
        public async Task FixedUrlsParseWithTheSameHostPortAndPath(string text)
        {
            var fixedSource = await FixedSourceAsync();
            var address = IPAddress.Parse(text);
            const int port = 8443;
            using var library = InMemoryLibrary.Compile(fixedSource);

            var url = new Uri((string)library.Call("Endpoints", "Url", address, port)!);
            Assert.Equal(address, IPAddress.Parse(url.Host));
            Assert.Equal(port, url.Port);
            Assert.Equal("/api/items", url.AbsolutePath);
            Assert.Equal("?page=2", url.Query);

            var built = (Uri)library.Call("Endpoints", "UriFromHost", address.ToString(), port)!;
            output.WriteLine($"Url({text}) = {url}; UriFromHost({text}) = {built}");
            Assert.Equal(address, IPAddress.Parse(built.Host));
            Assert.Equal(port, built.Port);
            Assert.Equal("/api", built.AbsolutePath);

            // Host names go through UriBuilder unchanged.
            var named = (Uri)library.Call("Endpoints", "UriFromHost", "service.namespace.svc", port)!;
            Assert.Equal(new Uri("http://service.namespace.svc:8443/api"), named);
        }

        [Fact]
        public void TheOriginalCodeBreaksOnIPv6()
        {
            var address = IPAddress.IPv6Loopback;
            using var library = InMemoryLibrary.Compile(Source);
            foreach (var method in HostPortMethods)
            {
                var endpoint = (string)library.Call("Endpoints", method, address, 8080)!;
                Assert.Equal("::1:8080", endpoint);

                // IPEndPoint.Parse silently reads another endpoint (ground truth #9).
                Assert.NotEqual(new IPEndPoint(address, 8080), IPEndPoint.Parse(endpoint));
            }

            Assert.Throws<UriFormatException>(() => new Uri((string)library.Call("Endpoints", "Url", address, 8080)!));
            Assert.Throws<UriFormatException>(() => library.Call("Endpoints", "UriFromHost", "::1", 8080));
        }
    }
}
