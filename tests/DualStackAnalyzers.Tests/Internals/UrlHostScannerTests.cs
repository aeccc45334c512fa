using System.Linq;
using DualStackAnalyzers.Internals;
using Xunit;

namespace DualStackAnalyzers.Tests.Internals
{
    public class UrlHostScannerTests
    {
        [Theory]
        [InlineData("http://0.0.0.0:5000", "IPv4Any", "0.0.0.0")]
        [InlineData("https://0.0.0.0", "IPv4Any", "0.0.0.0")]
        [InlineData("HTTP://0.0.0.0:80/path", "IPv4Any", "0.0.0.0")]
        [InlineData("http://127.0.0.1:5000", "IPv4Loopback", "127.0.0.1")]
        [InlineData("http://127.1.2.3:5000", "IPv4Loopback", "127.1.2.3")]
        [InlineData("http://10.1.2.3:5000", "IPv4Other", "10.1.2.3")]
        [InlineData("http://[::]:5000", "IPv6Any", "[::]")]
        [InlineData("http://[0:0:0:0:0:0:0:0]:5000", "IPv6Any", "[0:0:0:0:0:0:0:0]")]
        [InlineData("http://[::1]:5000", "IPv6Loopback", "[::1]")]
        [InlineData("http://[fe80::1%eth0]:5000", "IPv6Other", "[fe80::1%eth0]")]
        [InlineData("http://*:5000", "Wildcard", "*")]
        [InlineData("http://+:80/", "Wildcard", "+")]
        [InlineData("http://localhost:5000", "Name", "localhost")]
        [InlineData("http://0.0.0.0.nip.io:5000", "Name", "0.0.0.0.nip.io")]
        [InlineData("http://00.0.0.0:5000", "Invalid", "00.0.0.0")]
        [InlineData("http://0.0.0.0.0:5000", "Invalid", "0.0.0.0.0")]
        [InlineData("http://256.0.0.0:5000", "Invalid", "256.0.0.0")]
        [InlineData("http://127.1:5000", "Invalid", "127.1")]
        [InlineData("http://:5000", "Invalid", "")]
        public void ClassifiesTheHost(string text, string kind, string host)
        {
            var found = Assert.Single(UrlHostScanner.Scan(text)!);
            Assert.Equal(kind, found.Kind.ToString());
            Assert.Equal(host, text.Substring(found.HostStart, found.HostLength));
        }

        [Theory]
        [InlineData("http://0.0.0.0:5000", false, "Literal", 5000)]
        [InlineData("http://0.0.0.0:0", false, "Literal", 0)]
        [InlineData("http://0.0.0.0:5000/api", false, "Literal", 5000)]
        [InlineData("http://0.0.0.0", false, "Default", -1)]
        [InlineData("http://0.0.0.0/", false, "Default", -1)]
        [InlineData("http://0.0.0.0:", true, "Unknown", -1)]
        [InlineData("http://0.0.0.0", true, "Unknown", -1)]
        [InlineData("http://0.0.0.0:50", true, "Unknown", -1)]
        [InlineData("http://0.0.0.0:{0}", false, "Unknown", -1)]
        [InlineData("http://0.0.0.0:99999", false, "Unknown", -1)]
        public void ReadsThePort(string text, bool endIsOpen, string kind, int port)
        {
            var found = Assert.Single(UrlHostScanner.Scan(text, 0, text.Length, endIsOpen)!);
            Assert.Equal(kind, found.PortKind.ToString());
            Assert.Equal(port, found.Port);
        }

        [Fact]
        public void FindsEveryUrlOfAList()
        {
            const string text = "http://0.0.0.0:80;https://[::]:443, http://localhost:5000 --urls=http://127.0.0.1:1";
            var found = UrlHostScanner.Scan(text)!;
            Assert.Equal(
                new[] { UrlHostKind.IPv4Any, UrlHostKind.IPv6Any, UrlHostKind.Name, UrlHostKind.IPv4Loopback },
                found.Select(f => f.Kind));
            Assert.Equal(
                new[] { "http://0.0.0.0:80", "https://[::]:443", "http://localhost:5000", "http://127.0.0.1:1" },
                found.Select(f => text.Substring(f.UrlStart, f.UrlEnd - f.UrlStart)));
        }

        [Theory]
        [InlineData("")]
        [InlineData("0.0.0.0:5000")]
        [InlineData("tcp://0.0.0.0:5000")]
        [InlineData("redis://0.0.0.0")]
        [InlineData("Listening on 0.0.0.0")]
        public void IgnoresTextWithoutAnHttpUrl(string text) => Assert.Null(UrlHostScanner.Scan(text));

        [Fact]
        public void SchemeMayComeFromElsewhere()
        {
            // $"{scheme}://0.0.0.0:{port}": the constant text starts at the separator.
            var found = Assert.Single(UrlHostScanner.Scan("://0.0.0.0:", 0, 11, endIsOpen: true)!);
            Assert.Equal(UrlHostKind.IPv4Any, found.Kind);
        }

        [Fact]
        public void ScansOnlyTheGivenRange()
        {
            const string text = "\"http://0.0.0.0\" + port";
            var found = Assert.Single(UrlHostScanner.Scan(text, 1, 15, endIsOpen: true)!);
            Assert.Equal(UrlPortKind.Unknown, found.PortKind);
            Assert.Equal(8, found.HostStart);
        }

        [Theory]
        [InlineData("urls", true)]
        [InlineData("URLS", true)]
        [InlineData("Kestrel:Endpoints:Http:Url", true)]
        [InlineData("kestrel:endpoints:MyEndpoint:url", true)]
        [InlineData("Kestrel:Endpoints::Url", false)]
        [InlineData("Kestrel:Endpoints:Http:Https:Url", false)]
        [InlineData("Kestrel:Endpoints:Http:Protocols", false)]
        [InlineData("http_ports", false)]
        [InlineData("ConnectionStrings:Db", false)]
        public void KnowsTheConfigurationKeys(string key, bool expected) => Assert.Equal(expected, ListenerUrlKeys.IsConfigurationKey(key));

        [Theory]
        [InlineData("ASPNETCORE_URLS", true)]
        [InlineData("aspnetcore_urls", true)]
        [InlineData("DOTNET_URLS", true)]
        [InlineData("Kestrel__Endpoints__Http__Url", true)]
        [InlineData("ASPNETCORE_Kestrel__Endpoints__Http__Url", true)]
        [InlineData("URLS", false)]
        [InlineData("ASPNETCORE_HTTP_PORTS", false)]
        [InlineData("ASPNETCORE_URLS_EXTRA", false)]
        [InlineData("Kestrel__Endpoints__Http__Certificate__Path", false)]
        public void KnowsTheEnvironmentVariables(string name, bool expected) => Assert.Equal(expected, ListenerUrlKeys.IsEnvironmentVariable(name));
    }
}
