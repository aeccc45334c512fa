using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// A program compiled from source and run as its own process (so that LD_PRELOAD can take IPv6 away). It prints
    /// "LISTENING port" once it serves, or "FAILED reason" and exits. Disposing kills it: every run is bounded.
    /// </summary>
    public sealed class LoopbackProgram : IDisposable
    {
        private readonly Process process;
        private readonly List<string> output = new List<string>();

        private readonly string directory;

        private LoopbackProgram(Process process, string directory)
        {
            this.process = process;
            this.directory = directory;
        }

        public int Port { get; private set; }

        public string? Failure { get; private set; }

        public string Output
        {
            get
            {
                lock (output)
                {
                    return string.Join("\n", output);
                }
            }
        }

        public static async Task<LoopbackProgram> StartAsync(string source, bool web, bool withoutIPv6)
        {
            var (directory, dll) = Build(source, web);
            var start = StartInfo(directory, dll, withoutIPv6);
            var program = new LoopbackProgram(Process.Start(start)!, directory);
            var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            program.process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    ready.TrySetResult(false);
                    return;
                }

                lock (program.output)
                {
                    program.output.Add(e.Data);
                }

                if (e.Data.StartsWith("LISTENING ", StringComparison.Ordinal))
                {
                    program.Port = int.Parse(e.Data.Substring("LISTENING ".Length), System.Globalization.CultureInfo.InvariantCulture);
                    ready.TrySetResult(true);
                }
                else if (e.Data.StartsWith("FAILED ", StringComparison.Ordinal))
                {
                    program.Failure = e.Data.Substring("FAILED ".Length);
                    ready.TrySetResult(false);
                }
            };
            program.process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (program.output)
                    {
                        program.output.Add("stderr: " + e.Data);
                    }
                }
            };
            program.process.BeginOutputReadLine();
            program.process.BeginErrorReadLine();

            var finished = await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            if (finished != ready.Task)
            {
                program.Dispose();
                throw new TimeoutException("the program did not start within 60 s:\n" + program.Output);
            }

            if (!ready.Task.Result && program.Failure is null)
            {
                program.Failure = "exited without listening: " + program.Output;
            }

            return program;
        }

        /// <summary>Compiles <paramref name="source"/> into a fresh folder with a runtimeconfig for this machine's runtime.</summary>
        internal static (string Directory, string Dll) Build(string source, bool web)
        {
            var directory = Directory.CreateTempSubdirectory("dualstack-run-").FullName;
            var compilation = CSharpCompilation.Create(
                "app",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                web ? FixedCode.WebReferences.Value : FixedCode.RuntimeReferences.Value,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));
            var dll = Path.Combine(directory, "app.dll");
            var emitted = compilation.Emit(dll);
            if (!emitted.Success)
            {
                throw new InvalidOperationException("The fixed code does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);
            }

            var version = Environment.Version;
            var frameworks = "{\"name\":\"Microsoft.NETCore.App\",\"version\":\"" + version.Major + "." + version.Minor + ".0\"}"
                + (web ? ",{\"name\":\"Microsoft.AspNetCore.App\",\"version\":\"" + version.Major + "." + version.Minor + ".0\"}" : string.Empty);
            File.WriteAllText(Path.Combine(directory, "app.runtimeconfig.json"),
                "{\"runtimeOptions\":{\"tfm\":\"net" + version.Major + "." + version.Minor + "\",\"frameworks\":[" + frameworks + "]}}");
            return (directory, dll);
        }

        /// <summary>How to run the built program: `dotnet app.dll`, with the no-IPv6 shim preloaded when asked.</summary>
        internal static ProcessStartInfo StartInfo(string directory, string dll, bool withoutIPv6)
        {
            var start = new ProcessStartInfo(DotnetHost(), "\"" + dll + "\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            if (withoutIPv6)
            {
                start.Environment["LD_PRELOAD"] = NoIPv6Shim.Path ?? throw new InvalidOperationException("no shim");
            }

            return start;
        }

        internal static string DotnetHost()
        {
            var root = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(root) && File.Exists(root))
            {
                return root;
            }

            // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
            var candidate = Path.Combine(FixedCode.RuntimeDirectory, "..", "..", "..", "dotnet");
            return File.Exists(candidate) ? Path.GetFullPath(candidate) : "dotnet";
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is cleaned by the OS otherwise.
            }
        }
    }
}
