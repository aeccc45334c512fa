using System.Diagnostics;

namespace Ipv4OnlyApp;

/// <summary>Starts the report renderer, a second ASP.NET Core process, on a port of its own.</summary>
internal static class WorkerLauncher
{
    public static Process Start(string dll, int port)
    {
        var start = new ProcessStartInfo("dotnet", dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://0.0.0.0:{port}";
        return Process.Start(start)!;
    }
}
