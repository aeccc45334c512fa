namespace DualStackApp;

/// <summary>A status page on its own ports: '*' serves both families (IPv4 where the OS has no IPv6), 'localhost' both loopbacks.</summary>
internal static class StatusPage
{
    private const string PublicUrl = "http://*:9090";

    public static WebApplication Create()
    {
        var app = WebApplication.Create();
        app.Urls.Add(PublicUrl);
        app.Urls.Add("http://localhost:9091");
        app.MapGet("/", () => "up");
        return app;
    }
}
