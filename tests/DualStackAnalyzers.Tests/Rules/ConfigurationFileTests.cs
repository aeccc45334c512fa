using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<ConfigurationFileAnalyzer>;

    /// <summary>DS0050 and DS0014 in configuration and deployment files (AdditionalFiles).</summary>
    public class ConfigurationFileTests
    {
        private static Task FileAsync(string name, string content, params DiagnosticResult[] expected)
        {
            var test = new Analyze();
            test.TestState.Sources.Add("class C { }");
            test.TestState.AdditionalFiles.Add((name, content));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // ---- DS0050 flagged ----------------------------------------------------------------------------------

        [Fact]
        public Task AppSettingsUrlsWithCommentsAndTrailingCommas() => FileAsync("/app/appsettings.json", """
            {
              // ASP.NET Core's JSON configuration allows comments and trailing commas.
              "Logging": { "LogLevel": { "Default": "Information", }, },
              "Urls": "http://{|DS0050:0.0.0.0|}:5000;https://{|DS0050:0.0.0.0|}:5001", /* both */
            }
            """);

        [Fact]
        public Task AppSettingsKestrelEndpoints() => FileAsync("/app/appsettings.Production.json", """
            {
              "Kestrel": {
                "Endpoints": {
                  "Http": { "Url": "http://{|DS0050:0.0.0.0|}:8080" },
                  "Grpc": { "Url": "http://*:8081", "Protocols": "Http2" }
                }
              }
            }
            """);

        [Fact]
        public async Task LaunchSettingsIsInfo()
        {
            var test = new Analyze();
            test.TestState.Sources.Add("class C { }");
            test.TestState.AdditionalFiles.Add(("/app/Properties/launchSettings.json", """
                {
                  "profiles": {
                    "http": {
                      "commandName": "Project",
                      "applicationUrl": "http://{|#0:0.0.0.0|}:5000",
                      "environmentVariables": { "ASPNETCORE_URLS": "http://{|#1:0.0.0.0|}:5002", "ASPNETCORE_ENVIRONMENT": "Development" }
                    }
                  }
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ConfigurationBindsIPv4WildcardRule).WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("profiles:http:applicationUrl", "launchSettings.json"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(ConfigurationBindsIPv4WildcardRule).WithLocation(1).WithSeverity(DiagnosticSeverity.Info).WithArguments("ASPNETCORE_URLS", "launchSettings.json"));
            await test.RunAsync();
        }

        private static DiagnosticDescriptor ConfigurationBindsIPv4WildcardRule => new ConfigurationFileAnalyzer().SupportedDiagnostics[0];

        [Fact]
        public Task DockerfileEnvArgEntrypointAndCmd() => FileAsync("/app/Dockerfile", """
            FROM mcr.microsoft.com/dotnet/aspnet:8.0
            # ENV ASPNETCORE_URLS=http://0.0.0.0:1 is a comment
            ENV ASPNETCORE_URLS=http://{|DS0050:0.0.0.0|}:80 ASPNETCORE_ENVIRONMENT=Production
            ENV DOTNET_URLS http://{|DS0050:0.0.0.0|}:81
            ARG Kestrel__Endpoints__Http__Url="http://{|DS0050:0.0.0.0|}:82"
            ENV OTHER=http://0.0.0.0:83
            ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://{|DS0050:0.0.0.0|}:8080"]
            CMD dotnet App.dll \
                --urls=http://{|DS0050:0.0.0.0|}:8081
            """);

        [Fact]
        public Task KubernetesManifestEnvAndArgs() => FileAsync("/app/k8s/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: registry.example/api:1.0
                      args: ["--urls", "http://{|DS0050:0.0.0.0|}:8080"]
                      env:
                        - name: ASPNETCORE_URLS
                          value: "http://{|DS0050:0.0.0.0|}:80"   # IPv4 only
                        - name: ASPNETCORE_HTTP_PORTS
                          value: "8080"
                    - name: worker
                      command:
                        - dotnet
                        - Worker.dll
                        - --urls
                        - http://{|DS0050:0.0.0.0|}:9090
            """);

        [Fact]
        public Task ComposeEnvironmentMapAndList() => FileAsync("/app/docker-compose.yml", """
            services:
              api:
                environment:
                  ASPNETCORE_URLS: http://{|DS0050:0.0.0.0|}:80
                  ASPNETCORE_ENVIRONMENT: Development
              worker:
                environment:
                  - DOTNET_URLS=http://{|DS0050:0.0.0.0|}:81
                  - OTHER_URL=http://0.0.0.0:82
            """);

        // ---- DS0050 must not flag ----------------------------------------------------------------------------

        [Theory]
        [InlineData("/app/appsettings.json", "{ \"Urls\": \"http://*:5000;http://+:5001;http://api.internal:5002;http://[::]:5003;http://localhost:5004\" }")]
        [InlineData("/app/appsettings.json", "{ \"Upstream\": \"http://0.0.0.0:5000\", \"AllowedHosts\": \"*\" }")]
        [InlineData("/app/appsettings.json", "{ \"Urls\": \"http://0.0.0.0")]
        [InlineData("/app/appsettings.json", "{ \"Urls\": [ \"oops\" , }")]
        [InlineData("/app/appsettings.json", "")]
        [InlineData("/app/Dockerfile", "FROM x\nENV ASPNETCORE_HTTP_PORTS=8080\nENV ASPNETCORE_URLS=http://+:80\nENTRYPOINT [\"dotnet\", \"App.dll\"]\n")]
        [InlineData("/app/Dockerfile", "FROM x\nRUN dotnet App.dll --urls http://0.0.0.0:1\nLABEL url=http://0.0.0.0:2\n")]
        [InlineData("/app/deploy.yaml", "env:\n  - name: ASPNETCORE_URLS\n    value: http://*:80\n  - name: UPSTREAM\n    value: http://0.0.0.0:80\n")]
        [InlineData("/app/notes.txt", "ASPNETCORE_URLS=http://0.0.0.0:80")]
        [InlineData("/app/runtimeconfig.template.json", "{ \"configProperties\": { \"System.Net.DisableIPv6\": false } }")]
        [InlineData("/app/Dockerfile", "FROM x\nENV DOTNET_SYSTEM_NET_DISABLEIPV6=0\n")]
        public Task DualStackCorrectFilesAreSilent(string name, string content) => FileAsync(name, content);

        // ---- DS0051 ---------------------------------------------------------------------------------------------

        [Fact]
        public Task HardCodedAddressesInFiles() => FileAsync("/app/appsettings.json", """
            {
              "Upstream": "http://{|DS0051:10.20.30.40|}:8080/api",
              "ConnectionStrings": { "Orders": "Server={|DS0051:172.16.5.4|};Database=orders" },
              "Resolvers": [ "{|DS0051:8.8.8.8|}" ]
            }
            """);

        [Theory]
        [InlineData("/app/appsettings.json", "{ \"Local\": \"http://127.0.0.1:5000\", \"Mask\": \"255.255.255.0\", \"Doc\": \"192.0.2.10\", \"Any\": \"0.0.0.0\" }")]
        [InlineData("/app/appsettings.json", "{ \"AppVersion\": \"1.2.3.4\", \"Dns\": \"8.8.8.8, 2001:4860:4860::8888\", \"Upstream\": \"http://orders.svc:8080\" }")]
        [InlineData("/app/Dockerfile", "FROM x\n# ENV UPSTREAM=10.1.2.3 is a comment\nENV UPSTREAM=orders.svc\n")]
        public Task FileValuesWithoutHardCodedHostsAreSilent(string name, string content) => FileAsync(name, content);

        [Fact]
        public async Task AllowedAddressesApplyToFiles()
        {
            var test = new Analyze();
            test.TestState.Sources.Add("class C { }");
            test.TestState.AdditionalFiles.Add(("/app/appsettings.json", "{ \"Metadata\": \"http://169.254.169.254/latest\" }"));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndualstack.allowed_addresses = 169.254.169.254\n"));
            await test.RunAsync();
        }

        // ---- DS0014 in files ---------------------------------------------------------------------------------

        [Fact]
        public Task RuntimeConfigTemplateSwitch() => FileAsync("/app/runtimeconfig.template.json", """
            { "configProperties": { "System.Net.DisableIPv6": {|DS0014:true|} } }
            """);

        [Fact]
        public Task DockerfileAndManifestVariable() => FileAsync("/app/Dockerfile", """
            FROM x
            ENV DOTNET_SYSTEM_NET_DISABLEIPV6={|DS0014:1|}
            """);

        [Fact]
        public Task ManifestVariable() => FileAsync("/app/k8s/deploy.yml", """
            env:
              - name: DOTNET_SYSTEM_NET_DISABLEIPV6
                value: "{|DS0014:true|}"
            """);

        // ---- Fix ---------------------------------------------------------------------------------------------

        [Fact]
        public async Task FixReplacesTheHostWithAStarAndNothingElse()
        {
            var before = "{\n  // keep\n  \"Urls\": \"http://0.0.0.0:5000;https://0.0.0.0:5001\",\n}\n";
            var fixedFiles = await AdditionalFileFixes.ApplyAsync(new ConfigurationFileAnalyzer(), new ConfigurationBindsIPv4WildcardFixer(), fixAll: false, ("/app/appsettings.json", before));
            Assert.Equal(before.Replace("0.0.0.0", "*"), fixedFiles["/app/appsettings.json"]);
        }

        [Fact]
        public async Task FixAllCoversEveryFileAndLeavesTheRestAlone()
        {
            var dockerfile = "FROM x\n# 0.0.0.0 in a comment stays\nENV ASPNETCORE_URLS=http://0.0.0.0:80 UPSTREAM=http://0.0.0.0:81\n";
            var manifest = "env:\n  - name: ASPNETCORE_URLS\n    value: \"http://0.0.0.0:80;http://0.0.0.0:81\"\n";
            var fixedFiles = await AdditionalFileFixes.ApplyAsync(new ConfigurationFileAnalyzer(), new ConfigurationBindsIPv4WildcardFixer(), fixAll: true, ("/app/Dockerfile", dockerfile), ("/app/deploy.yaml", manifest));
            Assert.Equal("FROM x\n# 0.0.0.0 in a comment stays\nENV ASPNETCORE_URLS=http://*:80 UPSTREAM=http://0.0.0.0:81\n", fixedFiles["/app/Dockerfile"]);
            Assert.Equal(manifest.Replace("0.0.0.0", "*"), fixedFiles["/app/deploy.yaml"]);

            // Fix All twice changes nothing more.
            var again = await AdditionalFileFixes.ApplyAsync(new ConfigurationFileAnalyzer(), new ConfigurationBindsIPv4WildcardFixer(), fixAll: true, ("/app/Dockerfile", fixedFiles["/app/Dockerfile"]));
            Assert.Equal(fixedFiles["/app/Dockerfile"], again["/app/Dockerfile"]);
        }
    }
}
