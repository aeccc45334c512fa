using System.Collections.Concurrent;
using System.Net;

namespace DualStackApp;

/// <summary>Counts requests per client address, keyed by the address itself (both families; mapped IPv4 normalised).</summary>
internal sealed class ClientRateLimiter(int limit)
{
    private readonly ConcurrentDictionary<IPAddress, int> counts = new();

    public bool Allow(IPAddress remote)
    {
        var key = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return counts.AddOrUpdate(key, 1, (_, n) => n + 1) <= limit;
    }
}
