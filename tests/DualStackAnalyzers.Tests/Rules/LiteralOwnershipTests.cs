using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Tests.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    /// <summary>
    /// rules.md DS0020: "literals that DS0040/DS0041 already own" are not hard-coded-address diagnostics. The literal rules
    /// ask <see cref="LiteralOwnership"/>; these cases pin down what it answers.
    /// </summary>
    public class LiteralOwnershipTests
    {
        private const string Source = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Net;
            using System.Net.Sockets;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            class Startup
            {
                private static readonly HashSet<string> Allowed = new HashSet<string> { "10.0.0.15" };
                private static readonly string[] Unused = { "10.0.0.16" };

                void Proxies(IServiceCollection services)
                {
                    services.Configure<ForwardedHeadersOptions>(o =>
                    {
                        o.KnownProxies.Add(IPAddress.Parse("10.0.0.1"));
            #pragma warning disable ASPDEPR005
                        o.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.1.0.0"), 16));
            #pragma warning restore ASPDEPR005
                        o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.2.0.0/16"));
                    });
                    var options = new ForwardedHeadersOptions { KnownProxies = { IPAddress.Parse("10.0.0.2") } };
                }

                bool Peers(HttpContext context, Socket client, string text)
                {
                    var remote = ((IPEndPoint)client.RemoteEndPoint).Address;
                    var allowed = IPAddress.Parse("10.0.0.10");
                    return remote.Equals(IPAddress.Parse("10.0.0.7"))
                        || remote.ToString() == "10.0.0.8"
                        || new[] { "10.0.0.9" }.Contains(remote.ToString())
                        || remote.Equals(allowed)
                        || context.Connection.RemoteIpAddress?.ToString() is "10.0.0.11"
                        || text == "10.0.0.13"
                        || Allowed.Contains(remote.ToString())
                        || Unused.Contains(text);
                }

                object NotPeers()
                {
                    var list = new List<IPAddress> { IPAddress.Parse("10.0.0.14") };
                    return new IPEndPoint(IPAddress.Parse("10.0.0.12"), 80);
                }
            }
            """;

        private static readonly Lazy<(SemanticModel Model, CompilationFacts Facts)> Compiled = new(() =>
        {
            var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest));
            var compilation = CSharpCompilation.Create("Ownership", new[] { tree }, FixedCode.WebReferences.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.Empty(errors);
            var facts = CompilationFacts.TryCreate(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))!;
            return (compilation.GetSemanticModel(tree), facts);
        });

        /// <summary>
        /// The literal rule asks: an allow-list field compared with a peer (owned by DS0040, where the name-based
        /// PeerAddressOwnership cannot see it) gets no DS0020, the same list unused by a comparison does.
        /// </summary>
        [Fact]
        public Task HardCodedAddressRuleLeavesPeerAllowListsToDS0040() => new Infrastructure.DiagnosticTest<DualStackAnalyzers.Rules.HardCodedIPv4AddressAnalyzer>
        {
            ReferenceAssemblies = Infrastructure.TestReferences.Net80AspNet,
            TestCode = """
                using System.Collections.Generic;
                using System.Net;
                using Microsoft.AspNetCore.Http;

                class AdminFilter
                {
                    private static readonly HashSet<string> Office = new HashSet<string> { "10.20.0.15", "10.20.0.16" };
                    private static readonly HashSet<string> Backends = new HashSet<string> { {|DS0020:"10.30.0.15"|} };

                    public bool IsAllowed(HttpContext context) => Office.Contains(context.Connection.RemoteIpAddress?.ToString() ?? "");

                    public bool IsBackend(string host) => Backends.Contains(host);
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("10.0.0.1", "DS0041")]
        [InlineData("10.1.0.0", "DS0041")]
        [InlineData("10.2.0.0/16", "DS0041")]
        [InlineData("10.0.0.2", "DS0041")]
        [InlineData("10.0.0.7", "DS0040")]
        [InlineData("10.0.0.8", "DS0040")]
        [InlineData("10.0.0.9", "DS0040")]
        [InlineData("10.0.0.10", "DS0040")]
        [InlineData("10.0.0.11", "DS0040")]
        [InlineData("10.0.0.12", null)]
        [InlineData("10.0.0.13", null)]
        [InlineData("10.0.0.14", null)]
        [InlineData("10.0.0.15", "DS0040")]
        [InlineData("10.0.0.16", null)]
        public void OwnerOfTheLiteral(string literal, string? owner)
        {
            var (model, facts) = Compiled.Value;
            var syntax = model.SyntaxTree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>().Single(l => l.Token.ValueText == literal);
            var operation = model.GetOperation(syntax)!;
            Assert.Equal(owner, LiteralOwnership.OwnerOf(operation, facts));
            Assert.Equal(owner is not null, LiteralOwnership.IsOwnedByPeerRules(operation, facts));
        }
    }
}
