using System.Net;

namespace DualStackApp;

/// <summary>Startup checks of the addresses the pod is given: IPv4 and IPv6 are both valid.</summary>
internal static class PodAddressValidator
{
    public static IPAddress RequirePodIp(string? podIp)
    {
        if (!IPAddress.TryParse(podIp, out var address))
        {
            throw new InvalidOperationException($"POD_IP '{podIp}' is not a valid IP address");
        }

        return address;
    }

    /// <summary>An address of either family, or a DNS name.</summary>
    public static bool IsValidServer(string server)
        => IPAddress.TryParse(server, out _) || Uri.CheckHostName(server) == UriHostNameType.Dns;
}
