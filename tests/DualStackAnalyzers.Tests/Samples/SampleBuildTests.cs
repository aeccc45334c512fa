using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using DualStackAnalyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DualStackAnalyzers.Tests.Samples
{
    /// <summary>
    /// The packed .nupkg in real builds (samples/run.sh): the IPv4-only sample reports exactly the expected diagnostics
    /// (SARIF with help links), the dual-stack sample none, the package loads in the Roslyn 4.14 compiler, and
    /// `dotnet format analyzers` fixes every fixable diagnostic of a copy that then builds. One class: these runs share
    /// the samples' folders, so they must not overlap.
    /// </summary>
    public class SampleBuildTests
    {
        private readonly ITestOutputHelper output;

        public SampleBuildTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task SamplesReportExactlyTheExpectedDiagnostics()
        {
            var (code, text) = await RunAsync("--check");
            Assert.True(code == 0, text);
            Assert.Contains("DualStackApp.sarif: 0 DS diagnostic(s), 0 expected", text);
            Assert.DoesNotContain("missing:", text);
            Assert.DoesNotContain("unexpected:", text);
        }

        [Fact]
        public async Task DotnetFormatFixesEveryFixableDiagnosticOfTheSample()
        {
            var (code, text) = await RunAsync("--format", string.Join(" ", Repository.FixableIds));
            Assert.True(code == 0, text);
            Assert.Matches(@"changed files: [1-9]", text);
        }

        private async Task<(int Code, string Text)> RunAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repository.Root };
            start.ArgumentList.Add(Path.Combine(Repository.Root, "samples", "run.sh"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The test host's MSBuild variables would steer the child builds; they get a clean environment.
            foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(30))) != exited)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("samples/run.sh " + string.Join(" ", arguments) + " took over 30 minutes");
            }

            var text = await stdout + await stderr;
            output.WriteLine("samples/run.sh " + string.Join(" ", arguments) + "\n" + text);
            return (process.ExitCode, text);
        }
    }
}
