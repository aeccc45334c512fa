using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace DualStackAnalyzers.Tests.Runtime
{
    /// <summary>
    /// Client-side proofs: a program whose <c>Clients.Echo(host, port)</c> holds the code under test. Its Main starts an
    /// echo server on 127.0.0.1 only and one on ::1 only (TCP or UDP), calls the client against each, and prints
    /// <c>RESULT v4=ok v6=SocketException</c>. With IPv6 taken away the ::1 server cannot exist (<c>v6=noserver</c>).
    /// Hosts are written as literals, or as the name <c>dual.test</c>, which a private /etc/hosts resolves to ::1 then
    /// 127.0.0.1 (a name with an unreachable first answer).
    /// </summary>
    public static class ClientProgram
    {
        public const string DualName = "dual.test";

        public const string Main = """
            using System;
            using System.Net;
            using System.Net.Sockets;
            using System.Text;
            using System.Threading;

            public static class Program
            {
                public static int Main(string[] args)
                {
                    var udp = args[0] == "udp";
                    var byName = args[1] == "name";
                    var results = "";
                    foreach (var (name, address) in new[] { ("v4", IPAddress.Loopback), ("v6", IPAddress.IPv6Loopback) })
                    {
                        int port;
                        try
                        {
                            port = udp ? StartUdpEcho(address) : StartTcpEcho(address);
                        }
                        catch (SocketException)
                        {
                            results += " " + name + "=noserver";
                            continue;
                        }

                        var host = byName ? "dual.test" : address.ToString();
                        try
                        {
                            results += " " + name + "=" + (Clients.Echo(host, port) == "ping" ? "ok" : "wrong");
                        }
                        catch (Exception e)
                        {
                            results += " " + name + "=" + e.GetType().Name;
                        }
                    }

                    Console.WriteLine("RESULT" + results);
                    if (byName)
                    {
                        Console.WriteLine("RESOLVED " + string.Join(",", (object[])Dns.GetHostAddresses("dual.test")));
                    }

                    return 0;
                }

                // One family per server (explicit loopback binds), so a client reaches it only over that family.
                private static int StartTcpEcho(IPAddress address)
                {
                    var listener = new TcpListener(address, 0);
                    listener.Start();
                    new Thread(() =>
                    {
                        while (true)
                        {
                            using var client = listener.AcceptTcpClient();
                            var stream = client.GetStream();
                            var buffer = new byte[4];
                            var read = stream.Read(buffer, 0, 4);
                            stream.Write(buffer, 0, read);
                        }
                    }) { IsBackground = true }.Start();
                    return ((IPEndPoint)listener.LocalEndpoint).Port;
                }

                private static int StartUdpEcho(IPAddress address)
                {
                    var server = new UdpClient(new IPEndPoint(address, 0));
                    new Thread(() =>
                    {
                        while (true)
                        {
                            IPEndPoint remote = null;
                            var datagram = server.Receive(ref remote);
                            server.Send(datagram, datagram.Length, remote);
                        }
                    }) { IsBackground = true }.Start();
                    return ((IPEndPoint)server.Client.LocalEndPoint).Port;
                }
            }

            """;

        private static readonly Lazy<string?> HostsUnavailable = new Lazy<string?>(ProbePrivateHosts);

        /// <summary>Why a private /etc/hosts cannot be mounted here (null when it can).</summary>
        public static string? WhyNoPrivateHosts => HostsUnavailable.Value;

        /// <summary>Builds and runs the program; returns its output from the "RESULT …" line on (RESOLVED follows it).</summary>
        public static async Task<string> RunAsync(string source, bool udp, bool byName, bool withoutIPv6)
        {
            var (directory, dll) = LoopbackProgram.Build(source, web: false);
            try
            {
                var plain = LoopbackProgram.StartInfo(directory, dll, withoutIPv6);
                var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
                foreach (var variable in plain.Environment)
                {
                    start.Environment[variable.Key] = variable.Value;
                }

                if (byName)
                {
                    // A private mount namespace whose /etc/hosts lists dual.test as ::1 and 127.0.0.1.
                    var hosts = Path.Combine(directory, "hosts");
                    File.WriteAllText(hosts, "127.0.0.1 localhost\n::1 localhost " + DualName + "\n127.0.0.1 " + DualName + "\n");
                    start.FileName = "unshare";
                    foreach (var argument in new[] { "-m", "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", hosts })
                    {
                        start.ArgumentList.Add(argument);
                    }

                    start.ArgumentList.Add(LoopbackProgram.DotnetHost());
                }
                else
                {
                    start.FileName = LoopbackProgram.DotnetHost();
                }

                start.ArgumentList.Add(dll);
                start.ArgumentList.Add(udp ? "udp" : "tcp");
                start.ArgumentList.Add(byName ? "name" : "literal");

                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                var exited = process.WaitForExitAsync();
                if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(60))) != exited)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("the client program did not finish within 60 s");
                }

                var text = (await stdout) + (await stderr);
                var result = text.IndexOf("RESULT", StringComparison.Ordinal);
                return result < 0 ? "no RESULT: " + text : text.Substring(result).Trim();
            }
            finally
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort.
                }
            }
        }

        private static string? ProbePrivateHosts()
        {
            if (!OperatingSystem.IsLinux())
            {
                return "private /etc/hosts needs Linux mount namespaces";
            }

            try
            {
                using var probe = Process.Start(new ProcessStartInfo("unshare", "-m sh -c \"mount --bind /etc/hosts /etc/hosts\"") { RedirectStandardError = true, UseShellExecute = false })!;
                var errors = probe.StandardError.ReadToEnd();
                probe.WaitForExit();
                return probe.ExitCode == 0 ? null : "cannot mount a private /etc/hosts: " + errors.Trim();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return "no unshare on this machine (" + e.Message + ")";
            }
        }
    }
}
