using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;

namespace Ipv4OnlyApp;

/// <summary>Startup checks of the addresses the pod is given.</summary>
internal static class PodAddressValidator
{
    public static IPAddress RequirePodIp(string? podIp)
    {
        if (!IPAddress.TryParse(podIp, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new InvalidOperationException($"POD_IP '{podIp}' is not a valid IP address");
        }

        return address;
    }
}

/// <summary>Bound from the "Upstream" configuration section.</summary>
internal sealed class UpstreamSettings
{
    [RegularExpression(@"^(\d{1,3}\.){3}\d{1,3}$", ErrorMessage = "Enter a valid IP address")]
    public string? ServerAddress { get; set; }
}
