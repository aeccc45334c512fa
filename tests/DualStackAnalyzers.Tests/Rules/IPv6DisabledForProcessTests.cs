using System.Threading.Tasks;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DualStackAnalyzers.Tests.Rules
{
    using Analyze = DiagnosticTest<IPv6DisabledForProcessAnalyzer>;

    public class IPv6DisabledForProcessTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Diagnostics;

            """;

        private static Task RunAsync(string statements, ReferenceAssemblies? references = null)
        {
            var test = new Analyze { TestCode = Usings + "class Program\n{\n    static void Main(ProcessStartInfo startInfo, bool flag, string value)\n    {\n" + statements + "\n    }\n}\n" };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            return test.RunAsync();
        }

        // ---- Flagged ------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("{|DS0014:AppContext.SetSwitch(\"System.Net.DisableIPv6\", true)|};")]
        [InlineData("{|DS0014:AppContext.SetSwitch(isEnabled: true, switchName: \"System.Net.DisableIPv6\")|};")]
        [InlineData("{|DS0014:AppContext.SetData(\"System.Net.DisableIPv6\", \"true\")|};")]
        [InlineData("{|DS0014:AppContext.SetData(\"System.Net.DisableIPv6\", \" True \")|};")]
        [InlineData("{|DS0014:Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"1\")|};")]
        [InlineData("{|DS0014:Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"true\")|};")]
        [InlineData("{|DS0014:Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"TRUE\", EnvironmentVariableTarget.Process)|};")]
        [InlineData("{|DS0014:startInfo.Environment[\"DOTNET_SYSTEM_NET_DISABLEIPV6\"] = \"1\"|};")]
        [InlineData("{|DS0014:startInfo.EnvironmentVariables[\"DOTNET_SYSTEM_NET_DISABLEIPV6\"] = \"1\"|};")]
        [InlineData("{|DS0014:startInfo.Environment.Add(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"true\")|};")]
        [InlineData("var env = new Dictionary<string, string> { {|DS0014:[\"DOTNET_SYSTEM_NET_DISABLEIPV6\"] = \"1\"|} };")]
        [InlineData("var env = new Dictionary<string, string> { {|DS0014:{ \"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"1\" }|} };")]
        [InlineData("var pair = {|DS0014:new KeyValuePair<string, string>(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"1\")|};")]
        public Task FlaggedForms(string statement) => RunAsync(statement);

        [Fact]
        public async Task MessageNamesTheSettingAndTheScope()
        {
            var test = new Analyze
            {
                TestCode = Usings + """
                    class Program
                    {
                        static void Main(ProcessStartInfo startInfo)
                        {
                            {|#0:AppContext.SetSwitch("System.Net.DisableIPv6", true)|};
                            {|#1:startInfo.Environment["DOTNET_SYSTEM_NET_DISABLEIPV6"] = "1"|};
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IPv6DisabledForProcessAnalyzer.Rule).WithLocation(0)
                .WithArguments("Setting the AppContext switch 'System.Net.DisableIPv6' to true", "the whole process"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IPv6DisabledForProcessAnalyzer.Rule).WithLocation(1)
                .WithArguments("Setting DOTNET_SYSTEM_NET_DISABLEIPV6=1", "the whole process it is given to"));
            await test.RunAsync();
        }

        [Fact]
        public Task NamesAndValuesThroughConstantsAreFlagged() => new Analyze
        {
            TestCode = Usings + """
                static class Net
                {
                    public const string DisableIPv6Switch = "System.Net.DisableIPv6";
                    public const string Variable = "DOTNET_SYSTEM_NET_" + "DISABLEIPV6";
                    public const string On = "1";
                }

                class Program
                {
                    static void Main()
                    {
                        {|DS0014:AppContext.SetSwitch(Net.DisableIPv6Switch, true)|};
                        {|DS0014:Environment.SetEnvironmentVariable(Net.Variable, Net.On)|};
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task NetStandardLibrariesAreFlagged() => RunAsync(
            "{|DS0014:AppContext.SetSwitch(\"System.Net.DisableIPv6\", true)|};", TestReferences.NetStandard20);

        [Fact]
        public Task TopLevelStatementsAreFlagged() => new Analyze
        {
            TestCode = """
                using System;
                {|DS0014:AppContext.SetSwitch("System.Net.DisableIPv6", true)|};
                Console.WriteLine("started");
                """,
            TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        }.RunAsync();

        // ---- Must not flag ------------------------------------------------------------------------------------

        [Theory]
        [InlineData("AppContext.SetSwitch(\"System.Net.DisableIPv6\", false);")]
        [InlineData("AppContext.SetSwitch(\"System.Net.DisableIPv6\", flag);")]
        [InlineData("AppContext.SetData(\"System.Net.DisableIPv6\", \"1\");")]
        [InlineData("AppContext.SetData(\"System.Net.DisableIPv6\", true);")]
        [InlineData("AppContext.TryGetSwitch(\"System.Net.DisableIPv6\", out var disabled);")]
        [InlineData("AppContext.SetSwitch(\"System.Net.Http.SocketsHttpHandler.Http2UnencryptedSupport\", true);")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"0\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"false\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", null);")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", value);")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", \" 1\");")]
        [InlineData("var v = Environment.GetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\");")]
        [InlineData("startInfo.Environment.Remove(\"DOTNET_SYSTEM_NET_DISABLEIPV6\");")]
        [InlineData("startInfo.Environment[\"DOTNET_SYSTEM_NET_DISABLEIPV6\"] = \"0\";")]
        [InlineData("Console.WriteLine(\"Set {0}={1}\", \"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"1\");")]
        [InlineData("var s = string.Join(\"=\", \"DOTNET_SYSTEM_NET_DISABLEIPV6\", \"1\");")]
        // Names that no shipped runtime reads switch nothing off (documented on the rule's page).
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_SOCKETS_DISABLEIPV6\", \"1\");")]
        [InlineData("AppContext.SetSwitch(\"System.Net.Sockets.DisableIPv6\", true);")]
        [InlineData("Environment.SetEnvironmentVariable(\"dotnet_system_net_disableipv6\", \"1\");")]
        // An opt-in left to the operator.
        [InlineData("if (flag && Environment.GetEnvironmentVariable(\"APP_DISABLE_IPV6\") == \"1\") { AppContext.SetSwitch(\"System.Net.DisableIPv6\", true); }")]
        public Task SilentForms(string statement) => RunAsync(statement);

        [Fact]
        public Task ConfigurableOptInIsSilent() => new Analyze
        {
            TestCode = Usings + """
                class Options { public bool DisableIPv6 { get; set; } }
                class Program
                {
                    static void Configure(Options options)
                    {
                        if (options.DisableIPv6)
                        {
                            AppContext.SetSwitch("System.Net.DisableIPv6", true);
                        }
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task NetFrameworkIgnoresTheSwitch() => RunAsync(
            "AppContext.SetSwitch(\"System.Net.DisableIPv6\", true);", TestReferences.Net461);

        [Fact]
        public Task GeneratedCodeIsSilent() => new Analyze
        {
            TestState =
            {
                Sources = { ("Boot.g.cs", "// <auto-generated/>\nusing System;\nclass Boot { static void M() => AppContext.SetSwitch(\"System.Net.DisableIPv6\", true); }") },
            },
        }.RunAsync();

        // ---- Code that does not compile yet -------------------------------------------------------------------

        [Theory]
        [InlineData("AppContext.SetSwitch(\"System.Net.DisableIPv6\", );")]
        [InlineData("AppContext.SetSwitch(\"System.Net.DisableIPv6\"")]
        [InlineData("AppContext.SetSwitch(, true);")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_SYSTEM_NET_DISABLEIPV6\", );")]
        [InlineData("startInfo.Environment[\"DOTNET_SYSTEM_NET_DISABLEIPV6\"] = ;")]
        [InlineData("startInfo.Environment[] = \"1\";")]
        [InlineData("Undefined.SetSwitch(\"System.Net.DisableIPv6\", true);")]
        [InlineData("AppContext.SetSwitch(\"System.Net.DisableIPv6\", true, 3);")]
        public async Task IncompleteCodeDoesNotThrow(string statement)
        {
            var test = new Analyze
            {
                TestCode = Usings + "class Program { static void Main(ProcessStartInfo startInfo) { " + statement + " } }",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
            await IncompleteCode.RunAsync(test);
        }
    }
}
