using System.Net;

namespace Ipv4OnlyApp;

/// <summary>Where the side-car protocols listen.</summary>
internal static class ListenerSettings
{
    public static readonly IPAddress BindAddress = IPAddress.Any;

    public const string BindAllText = "0.0.0.0";
}
