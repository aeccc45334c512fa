// The same order service, dual-stack: every listener serves IPv4 and IPv6, and still starts where IPv6 is absent.
// Its build must report no DS diagnostic.
using System.Net;
using DualStackApp;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.ListenAnyIP(8080);
    kestrel.ListenAnyIP(8443, listen => listen.UseHttps());
    kestrel.ListenLocalhost(8081); // admin: loopback stays loopback, on both families
});

var app = builder.Build();
app.MapGet("/healthz", () => "ok");

_ = new TcpEchoServer(7000).RunAsync(app.Lifetime.ApplicationStopping);
_ = new MetricsSocketServer(9100).RunAsync(app.Lifetime.ApplicationStopping);
_ = new TelemetryReceiver(8125).RunAsync(app.Lifetime.ApplicationStopping);
_ = new DhcpProbe().ProbeAsync(app.Lifetime.ApplicationStopping);

app.Run();
