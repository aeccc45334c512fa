using System.Net;

namespace DualStackApp;

/// <summary>The cache upstream ("10.1.2.3:6379" or "[fd00::3]:6379" in configuration) and what this pod advertises.</summary>
internal static class Upstreams
{
    public static IPEndPoint Parse(string text)
        => IPEndPoint.TryParse(text, out var endpoint) ? endpoint : throw new FormatException($"'{text}' is not an endpoint; bracket IPv6 addresses: [fd00::3]:6379");

    public static string Advertised(int port)
    {
        var podIp = IPAddress.Parse(Environment.GetEnvironmentVariable("POD_IP") ?? "::1");
        return new IPEndPoint(podIp, port).ToString();
    }

    public static Uri HealthUrl(IPEndPoint upstream) => new Uri($"http://{upstream}/healthz");
}
