using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<UrlBindsIPv4WildcardAnalyzer>;
    using Fix = CodeFixTest<UrlBindsIPv4WildcardAnalyzer, UrlBindsIPv4WildcardFixer>;

    public class UrlBindsIPv4WildcardTests
    {
        internal const string WebUsings = """
            using System;
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.Net;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Hosting.Server.Features;
            using Microsoft.Extensions.Configuration;

            """;

        private static Task FlagsAsync(string body) => new Analyze
        {
            TestCode = WebUsings + body,
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        /// <summary>The statements run inside a method that has a builder, an app, a web host builder and a port.</summary>
        private static Task FlagsInMethodAsync(string statements) => FlagsAsync($$"""
            class Program
            {
                static void Main(WebApplicationBuilder builder, WebApplication app, IWebHostBuilder host, IServerAddressesFeature addresses, int port)
                {
                    {{statements}}
                }
            }
            """);

        // ---- Flagged forms -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("builder.WebHost.UseUrls(\"http://{|DS0002:0.0.0.0|}:5000\");")]
        [InlineData("host.UseUrls(\"http://{|DS0002:0.0.0.0|}:5000\", \"https://{|DS0002:0.0.0.0|}:5001\");")]
        [InlineData("host.UseUrls(\"http://{|DS0002:0.0.0.0|}:5000;https://{|DS0002:0.0.0.0|}:5001\");")]
        [InlineData("host.UseUrls(new[] { \"HTTP://{|DS0002:0.0.0.0|}\" });")]
        [InlineData("host.UseSetting(\"urls\", \"http://{|DS0002:0.0.0.0|}:5000\");")]
        [InlineData("host.UseSetting(WebHostDefaults.ServerUrlsKey, \"http://{|DS0002:0.0.0.0|}:5000\");")]
        [InlineData("builder.WebHost.UseSetting(\"URLS\", \"http://{|DS0002:0.0.0.0|}:5000\");")]
        [InlineData("app.Urls.Add(\"http://{|DS0002:0.0.0.0|}:8080\");")]
        [InlineData("app.Run(\"http://{|DS0002:0.0.0.0|}:8080\");")]
        [InlineData("_ = app.RunAsync(url: \"http://{|DS0002:0.0.0.0|}:8080\");")]
        [InlineData("addresses.Addresses.Add(\"http://{|DS0002:0.0.0.0|}:8080\");")]
        [InlineData("builder.Configuration[\"urls\"] = \"http://{|DS0002:0.0.0.0|}:8080\";")]
        [InlineData("builder.Configuration[\"Kestrel:Endpoints:Http:Url\"] = \"http://{|DS0002:0.0.0.0|}:8080\";")]
        [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", \"http://{|DS0002:0.0.0.0|}:8080\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_URLS\", \"http://{|DS0002:0.0.0.0|}:8080\", EnvironmentVariableTarget.Process);")]
        [InlineData("Environment.SetEnvironmentVariable(\"Kestrel__Endpoints__Web__Url\", \"http://{|DS0002:0.0.0.0|}:8080\");")]
        [InlineData("new ProcessStartInfo(\"dotnet\") { Environment = { [\"ASPNETCORE_URLS\"] = \"http://{|DS0002:0.0.0.0|}:8080\" } };")]
        [InlineData("var psi = new ProcessStartInfo(\"dotnet\"); psi.Environment.Add(\"ASPNETCORE_URLS\", \"http://{|DS0002:0.0.0.0|}:8080\");")]
        [InlineData("host.UseUrls($\"http://{|DS0002:0.0.0.0|}:{port}\");")]
        [InlineData("host.UseUrls(\"http://{|DS0002:0.0.0.0|}:\" + port);")]
        [InlineData("host.UseUrls(@\"http://{|DS0002:0.0.0.0|}:5000\");")]
        [InlineData("host.UseUrls(\"\"\"http://{|DS0002:0.0.0.0|}:5000\"\"\");")]
        [InlineData("host.UseUrls($@\"https://{|DS0002:0.0.0.0|}:{port}\");")]
        [InlineData("host.UseUrls(port == 0 ? \"http://{|DS0002:0.0.0.0|}:80\" : \"http://*:\" + port);")]
        [InlineData("host.UseUrls(Environment.GetEnvironmentVariable(\"URL\") ?? \"http://{|DS0002:0.0.0.0|}:80\");")]
        [InlineData("host.UseUrls(string.Join(\";\", \"http://{|DS0002:0.0.0.0|}:80\", \"https://*:443\"));")]
        public Task ListenerUrlWithIPv4WildcardIsFlagged(string statements) => FlagsInMethodAsync(statements);

        [Fact]
        public Task InMemoryConfigurationIsFlagged() => FlagsInMethodAsync("""
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://{|DS0002:0.0.0.0|}:8080" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                { "Kestrel:Endpoints:Https:Url", "https://{|DS0002:0.0.0.0|}:8443" },
                { "urls", "http://{|DS0002:0.0.0.0|}:8081" },
            });
            new ConfigurationBuilder().AddInMemoryCollection(new[] { new KeyValuePair<string, string?>("Urls", "http://{|DS0002:0.0.0.0|}:9090") });
            var defaults = new Dictionary<string, string?> { ["urls"] = "http://{|DS0002:0.0.0.0|}:7070" };
            defaults["urls"] = "http://{|DS0002:0.0.0.0|}:7071";
            builder.Configuration.AddInMemoryCollection(defaults);
            """);

        [Fact]
        public Task TopLevelStatementsAreFlagged() => new Analyze
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    WebUsings + """
                        var builder = WebApplication.CreateBuilder(args);
                        builder.WebHost.UseUrls("http://{|DS0002:0.0.0.0|}:5000");
                        var app = builder.Build();
                        app.Run("http://{|DS0002:0.0.0.0|}:5001");
                        """,
                },
            },
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        [Fact]
        public async Task ConstantIsReportedAtTheLiteralWithTheUseSiteAsAdditionalLocation()
        {
            var test = new Analyze
            {
                TestCode = WebUsings + """
                    static class Defaults
                    {
                        public const string Url = "http://{|#0:0.0.0.0|}:5000";
                    }

                    class Program
                    {
                        static void Configure(IWebHostBuilder host) => host.UseUrls({|#1:Defaults.Url|});
                    }
                    """,
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(UrlBindsIPv4WildcardAnalyzer.Rule)
                .WithLocation(0).WithLocation(1).WithArguments("'http://0.0.0.0:5000' (in 'Defaults.Url') given to UseUrls"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ConstantInAnotherFileIsReportedAtItsLiteral()
        {
            var test = new Analyze
            {
                TestState =
                {
                    Sources =
                    {
                        ("Defaults.cs", """
                            static class Defaults
                            {
                                public static readonly string Url = "http://{|#0:0.0.0.0|}:5000";
                            }
                            """),
                        ("Program.cs", WebUsings + """
                            class Program
                            {
                                static void Configure(WebApplication app) => app.Urls.Add({|#1:Defaults.Url|});
                            }
                            """),
                    },
                },
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };

            test.ExpectedDiagnostics.Add(new DiagnosticResult(UrlBindsIPv4WildcardAnalyzer.Rule)
                .WithLocation(0).WithLocation(1).WithArguments("'http://0.0.0.0:5000' (in 'Defaults.Url') given to WebApplication.Urls"));
            await test.RunAsync();
        }

        [Fact]
        public async Task LocalIsReportedAtTheLiteralWithTheUseSiteAsAdditionalLocation()
        {
            var test = new Analyze
            {
                TestCode = WebUsings + """
                    class Program
                    {
                        static void Configure(IWebHostBuilder host, int port)
                        {
                            var url = $"http://{|#0:0.0.0.0|}:{port}";
                            host.UseUrls({|#1:url|});
                        }
                    }
                    """,
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(UrlBindsIPv4WildcardAnalyzer.Rule)
                .WithLocation(0).WithLocation(1).WithArguments("'http://0.0.0.0:' (in 'url') given to UseUrls"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ConstantBuiltFromConstantsIsReportedAtTheUse()
        {
            var test = new Analyze
            {
                TestState =
                {
                    Sources =
                    {
                        ("Defaults.cs", """
                            static class Defaults
                            {
                                public const string Host = "0.0.0.0";
                                public const string Url = "http://" + Host + ":5000";
                            }
                            """),
                        ("Program.cs", WebUsings + """
                            class Program
                            {
                                static void Configure(IWebHostBuilder host) => host.UseUrls({|#0:Defaults.Url|});
                            }
                            """),
                    },
                },
                ReferenceAssemblies = TestReferences.Net80AspNet,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(UrlBindsIPv4WildcardAnalyzer.Rule)
                .WithLocation(0).WithArguments("'http://0.0.0.0:5000' given to UseUrls"));
            await test.RunAsync();
        }

        // ---- Must not flag -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("host.UseUrls(\"http://*:5000\", \"http://+:5001\", \"http://localhost:5002\", \"http://example.com:5003\");")]
        [InlineData("host.UseUrls(\"http://[::]:5000\");")]
        [InlineData("host.UseUrls(\"http://0.0.0.0.nip.io:5000\");")]
        [InlineData("host.UseUrls(\"http://10.0.0.1:5000\");")]
        [InlineData("host.UseUrls(\"tcp://0.0.0.0:5000\");")]
        [InlineData("host.UseUrls(url);")]
        [InlineData("host.UseSetting(\"environment\", \"http://0.0.0.0:5000\");")]
        [InlineData("var c = new HttpClient { BaseAddress = new Uri(\"http://0.0.0.0:5000\") };")]
        [InlineData("_ = new HttpClient().GetAsync(\"http://0.0.0.0:5000/health\");")]
        [InlineData("Console.WriteLine(\"Listening on http://0.0.0.0:5000\");")]
        [InlineData("var setting = builder.Configuration[\"urls\"]; Console.WriteLine(setting ?? \"http://0.0.0.0:80\");")]
        [InlineData("var d = new Dictionary<string, string> { [\"urls\"] = \"http://0.0.0.0:80\" };")]
        [InlineData("var d = new Dictionary<string, string>(); d.Add(\"urls\", \"http://0.0.0.0:80\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"SERVICE_URL\", \"http://0.0.0.0:80\");")]
        [InlineData("var fromConfig = builder.Configuration.GetValue(\"Kestrel:Endpoints:Http:Url\", \"http://0.0.0.0:80\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"URLS\", \"http://0.0.0.0:80\");")]
        [InlineData("if (!Socket.OSSupportsIPv6) { host.UseUrls(\"http://0.0.0.0:5000\"); } else { host.UseUrls(\"http://*:5000\"); }")]
        [InlineData("host.UseUrls(\"http://0.0.0.0:5000\".Replace(\"0.0.0.0\", \"*\"));")]
        public Task DualStackOrUnrelatedCodeIsSilent(string statements) => FlagsInMethodAsync("string url = \"\"; " + statements);

        [Fact]
        public Task GeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources = { ("Program.g.cs", "// <auto-generated/>\n" + WebUsings + "class P { void M(IWebHostBuilder h) => h.UseUrls(\"http://0.0.0.0:80\"); }") },
            },
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        /// <summary>
        /// A URL constant in generated code (a generated file, or a [GeneratedCode] type) reaching a listener in user
        /// code: the diagnostic would sit in generated code, where nobody can fix it, so there is none.
        /// </summary>
        [Fact]
        public Task ConstantInGeneratedCodeUsedByUserCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources =
                {
                    ("Defaults.g.cs", "// <auto-generated/>\nstatic class GeneratedDefaults { public const string Url = \"http://0.0.0.0:5000\"; }"),
                    ("Attributed.cs", "[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1.0\")]\nstatic class AttributedDefaults { public const string Url = \"http://0.0.0.0:5001\"; }"),
                    ("Program.cs", WebUsings + "class P { void M(IWebHostBuilder h) { h.UseUrls(GeneratedDefaults.Url); h.UseUrls(AttributedDefaults.Url); } }"),
                },
            },
            ReferenceAssemblies = TestReferences.Net80AspNet,
        }.RunAsync();

        [Fact]
        public Task PragmaSuppressesIt() => FlagsAsync("""
            class P
            {
            #pragma warning disable DS0002
                void M(IWebHostBuilder h) => h.UseUrls("http://0.0.0.0:80");
            #pragma warning restore DS0002
            }
            """);

        [Fact]
        public Task EnvironmentVariableWorksWithoutAspNetCore() => new Analyze
        {
            TestCode = "class P { void M() => System.Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", \"http://{|DS0002:0.0.0.0|}:80\"); }",
        }.RunAsync();

        /// <summary>The key is read as a constant whatever its form: a constant field, a concatenation, nameof.</summary>
        [Theory]
        [InlineData("Key")]
        [InlineData("\"ASPNETCORE_\" + \"URLS\"")]
        [InlineData("(\"ASPNETCORE_URLS\")")]
        [InlineData("nameof(ASPNETCORE_URLS)")]
        public Task EnvironmentVariableKeyInAnyConstantForm(string key) => new Analyze
        {
            TestCode = "class P { const string Key = \"ASPNETCORE_URLS\"; const int ASPNETCORE_URLS = 0; void M() => System.Environment.SetEnvironmentVariable(" + key + ", \"http://{|DS0002:0.0.0.0|}:80\"); }",
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("host.UseUrls(\"http://0.0.0.0:5000\"")]
        [InlineData("host.UseUrls(\"http://0.0.0.0:5000);")]
        [InlineData("host.UseUrls($\"http://0.0.0.0:{\");")]
        [InlineData("host.UseUrls(\"http://[::\");")]
        [InlineData("host.UseUrls(\"http://\", );")]
        [InlineData("builder.Configuration[\"urls\"] = ;")]
        [InlineData("builder.Configuration[] = \"http://0.0.0.0\";")]
        [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", Undefined.Url);")]
        [InlineData("app.Urls.Add(\"http://0.0.0.0:5000\", 1);")]
        [InlineData("undefined.UseUrls(\"http://0.0.0.0:5000\");")]
        public async Task IncompleteCodeDoesNotThrow(string statements)
        {
            var test = new Analyze
            {
                TestCode = WebUsings + "class Program { static void Main(WebApplicationBuilder builder, WebApplication app, IWebHostBuilder host) { " + statements + " } }",
                ReferenceAssemblies = TestReferences.Net80AspNet,
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }

        // ---- Fixes --------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("\"http://{|DS0002:0.0.0.0|}:5000\"", "\"http://*:5000\"")]
        [InlineData("@\"http://{|DS0002:0.0.0.0|}:5000\"", "@\"http://*:5000\"")]
        [InlineData("\"\"\"http://{|DS0002:0.0.0.0|}:5000\"\"\"", "\"\"\"http://*:5000\"\"\"")]
        [InlineData("$\"http://{|DS0002:0.0.0.0|}:{port}/\"", "$\"http://*:{port}/\"")]
        [InlineData("$\"\"\"https://{|DS0002:0.0.0.0|}:{port}\"\"\"", "$\"\"\"https://*:{port}\"\"\"")]
        [InlineData("\"http://{|DS0002:0.0.0.0|}:\" + port", "\"http://*:\" + port")]
        [InlineData("\"http://{|DS0002:0.0.0.0|}:80;https://{|DS0002:0.0.0.0|}:443\"", "\"http://*:80;https://*:443\"")]
        [InlineData("\"http://{|DS0002:0.0.0.0|}\\t\"", "\"http://*\\t\"")]
        public Task HostBecomesWildcardEveryOtherCharacterUnchanged(string before, string after) => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = WebUsings + $$"""
                class Program
                {
                    static void Configure(IWebHostBuilder host, int port)
                    {
                        host.UseUrls( /* keep */ {{before}} ); // and keep
                    }
                }
                """,
            FixedCode = WebUsings + $$"""
                class Program
                {
                    static void Configure(IWebHostBuilder host, int port)
                    {
                        host.UseUrls( /* keep */ {{after}} ); // and keep
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task ConstantInAnotherFileIsFixedWhereItIsWritten() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,

            // Reported from Program.cs at a literal of Defaults.cs: a non-local diagnostic, which the build and
            // dotnet format fix, but the IDE's light bulb does not offer (same-file constants are local).
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestState =
            {
                Sources =
                {
                    ("Defaults.cs", "static class Defaults { public const string Url = \"http://{|#0:0.0.0.0|}:5000\"; }"),
                    ("Program.cs", WebUsings + "class Program { static void M(IWebHostBuilder h) => h.UseUrls({|#1:Defaults.Url|}); }"),
                },
                ExpectedDiagnostics =
                {
                    new DiagnosticResult(UrlBindsIPv4WildcardAnalyzer.Rule).WithLocation(0).WithLocation(1)
                        .WithArguments("'http://0.0.0.0:5000' (in 'Defaults.Url') given to UseUrls"),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Defaults.cs", "static class Defaults { public const string Url = \"http://*:5000\"; }"),
                    ("Program.cs", WebUsings + "class Program { static void M(IWebHostBuilder h) => h.UseUrls(Defaults.Url); }"),
                },
            },
        }.RunAsync();

        [Fact]
        public Task FixAllRewritesEverySinkInTheDocument() => new Fix
        {
            ReferenceAssemblies = TestReferences.Net80AspNet,
            TestCode = WebUsings + """
                class Program
                {
                    const string Url = "http://{|#0:0.0.0.0|}:9000";

                    static void Main(WebApplicationBuilder builder, WebApplication app, int port)
                    {
                        builder.WebHost.UseUrls("http://{|DS0002:0.0.0.0|}:5000;https://{|DS0002:0.0.0.0|}:5001");
                        builder.Configuration["Kestrel:Endpoints:Http:Url"] = $"http://{|DS0002:0.0.0.0|}:{port}";
                        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://{|DS0002:0.0.0.0|}:7000");
                        app.Urls.Add({|#1:Url|});
                        app.Run({|#2:Url|});
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                new DiagnosticResult(UrlBindsIPv4WildcardAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments("'http://0.0.0.0:9000' (in 'Program.Url') given to WebApplication.Urls"),
                new DiagnosticResult(UrlBindsIPv4WildcardAnalyzer.Rule).WithLocation(0).WithLocation(2).WithArguments("'http://0.0.0.0:9000' (in 'Program.Url') given to WebApplication.Run"),
            },
            FixedCode = WebUsings + """
                class Program
                {
                    const string Url = "http://*:9000";

                    static void Main(WebApplicationBuilder builder, WebApplication app, int port)
                    {
                        builder.WebHost.UseUrls("http://*:5000;https://*:5001");
                        builder.Configuration["Kestrel:Endpoints:Http:Url"] = $"http://*:{port}";
                        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://*:7000");
                        app.Urls.Add(Url);
                        app.Run(Url);
                    }
                }
                """,
        }.RunAsync();
    }
}
