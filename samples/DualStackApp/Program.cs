// The same order service, dual-stack: every listener serves IPv4 and IPv6, and still starts where IPv6 is absent.
// Its build must report no DS diagnostic.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using DualStackApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.100")); // the ingress controller, over IPv4
    options.KnownProxies.Add(IPAddress.Parse("fd00::100"));  // and over IPv6
});
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.ListenAnyIP(8080);
    kestrel.ListenAnyIP(8443, listen => listen.UseHttps());
    kestrel.ListenLocalhost(8081); // admin: loopback stays loopback, on both families
    AdminEndpoints.Configure(kestrel);
});

var app = builder.Build();
app.UseForwardedHeaders();
app.UseMiddleware<AdminAllowList>();
app.MapGet("/healthz", () => "ok");
app.MapPost("/hooks/{name}", (string name) => Results.Accepted()); // the webhooks, moved from HttpListener to Kestrel

_ = new TcpEchoServer(7000).RunAsync(app.Lifetime.ApplicationStopping);
_ = new MetricsSocketServer(9100).RunAsync(app.Lifetime.ApplicationStopping);
_ = new TelemetryReceiver(8125).RunAsync(app.Lifetime.ApplicationStopping);
_ = new DhcpProbe().ProbeAsync(app.Lifetime.ApplicationStopping);

app.Run();
