namespace Ipv4OnlyApp;

internal static class NetworkWorkarounds
{
    /// <summary>"NuGet and the package feed hang on the office VPN": switches IPv6 off for the whole process.</summary>
    public static void Apply() => AppContext.SetSwitch("System.Net.DisableIPv6", true);
}
