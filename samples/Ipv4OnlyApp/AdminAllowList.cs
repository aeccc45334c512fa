using System.Net;

namespace Ipv4OnlyApp;

/// <summary>Admin endpoints answer only the node itself and the office network (10.20.0.0/16).</summary>
internal sealed class AdminAllowList(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        var allowed = remote is not null
            && (remote.Equals(IPAddress.Loopback) || remote.ToString().StartsWith("10.20."));
        if (!allowed)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context);
    }
}
