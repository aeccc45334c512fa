using System.Net;

namespace Ipv4OnlyApp;

/// <summary>The cache upstream ("10.1.2.3:6379" in configuration) and what this pod advertises to it.</summary>
internal static class Upstreams
{
    public static IPEndPoint Parse(string text)
    {
        var parts = text.Split(':');
        return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(parts[1]));
    }

    public static string Advertised(int port)
    {
        var podIp = Environment.GetEnvironmentVariable("POD_IP") ?? "localhost";
        return $"{podIp}:{port}";
    }

    public static Uri HealthUrl(IPEndPoint upstream) => new Uri($"http://{upstream.Address}:{upstream.Port}/healthz");
}
