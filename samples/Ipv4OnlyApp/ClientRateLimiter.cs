using System.Collections.Concurrent;
using System.Net;

namespace Ipv4OnlyApp;

/// <summary>Counts requests per client address, keyed as a 32-bit number (every IPv6 and IPv4-mapped client is key 0).</summary>
internal sealed class ClientRateLimiter(int limit)
{
    private readonly ConcurrentDictionary<uint, int> counts = new();

    public bool Allow(IPAddress remote)
    {
        var bytes = remote.GetAddressBytes();
        Array.Reverse(bytes);
        var key = BitConverter.ToUInt32(bytes, 0);
        return counts.AddOrUpdate(key, 1, (_, n) => n + 1) <= limit;
    }

    public static long LegacyKey(IPAddress remote) => remote.Address;
}
