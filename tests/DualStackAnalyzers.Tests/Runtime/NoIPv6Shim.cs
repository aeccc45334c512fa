using System;
using System.Diagnostics;
using System.IO;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// An LD_PRELOAD shim (noipv6.c, carried by this project) that makes socket(AF_INET6, …) fail with EAFNOSUPPORT:
    /// the behaviour of a kernel booted with ipv6.disable=1 (ground truth fact 3). Compiled once with the machine's gcc.
    /// </summary>
    public static class NoIPv6Shim
    {
        private static readonly Lazy<(string? Path, string Why)> Built = new Lazy<(string?, string)>(Build);

        public static string? Path => Built.Value.Path;

        /// <summary>Why the shim is missing (for "skipped: why").</summary>
        public static string WhyMissing => Built.Value.Why;

        private static (string?, string) Build()
        {
            if (!OperatingSystem.IsLinux())
            {
                return (null, "LD_PRELOAD shims need Linux");
            }

            var source = System.IO.Path.Combine(AppContext.BaseDirectory, "Runtime", "noipv6.c");
            var output = System.IO.Path.Combine(Directory.CreateTempSubdirectory("dualstack-shim-").FullName, "noipv6.so");
            try
            {
                using var gcc = Process.Start(new ProcessStartInfo("gcc", $"-shared -fPIC -o \"{output}\" \"{source}\" -ldl") { RedirectStandardError = true, UseShellExecute = false })!;
                var errors = gcc.StandardError.ReadToEnd();
                gcc.WaitForExit();
                return gcc.ExitCode == 0 && File.Exists(output) ? (output, string.Empty) : (null, "gcc failed: " + errors);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (null, "no gcc on this machine (" + e.Message + ")");
            }
        }
    }
}
