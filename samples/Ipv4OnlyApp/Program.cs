// An order service as it ran on an IPv4-only cluster. Every DS diagnostic here is listed in ../expected-diagnostics.txt.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Ipv4OnlyApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.100")); // the ingress controller
});
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Any, 8080);
    kestrel.Listen(IPAddress.Any, 8443, listen => listen.UseHttps());
    AdminEndpoints.Configure(kestrel);
});

var app = builder.Build();
app.UseForwardedHeaders();
app.UseMiddleware<AdminAllowList>();
app.MapGet("/healthz", () => "ok");

_ = new TcpEchoServer(7000).RunAsync(app.Lifetime.ApplicationStopping);
_ = new MetricsSocketServer(9100).RunAsync(app.Lifetime.ApplicationStopping);
_ = new TelemetryReceiver(8125).RunAsync(app.Lifetime.ApplicationStopping);

app.Run();
