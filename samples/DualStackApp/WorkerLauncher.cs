using System.Diagnostics;

namespace DualStackApp;

/// <summary>Starts the report renderer, a second ASP.NET Core process, on a port of its own.</summary>
internal static class WorkerLauncher
{
    public static Process Start(string dll, int port)
    {
        var start = new ProcessStartInfo("dotnet", dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://*:{port}";
        return Process.Start(start)!;
    }
}
