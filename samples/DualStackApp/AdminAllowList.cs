using System.Net;

namespace DualStackApp;

/// <summary>Admin endpoints answer only the node itself and the office network (10.20.0.0/16, fd00:20::/64).</summary>
internal sealed class AdminAllowList(RequestDelegate next)
{
    private static readonly IPNetwork[] Office = { IPNetwork.Parse("10.20.0.0/16"), IPNetwork.Parse("fd00:20::/64") };

    public async Task InvokeAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;

        // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d: compare them as a.b.c.d.
        if (remote is not null && remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        var allowed = remote is not null && (IPAddress.IsLoopback(remote) || Office.Any(network => network.Contains(remote)));
        if (!allowed)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context);
    }
}
