namespace Ipv4OnlyApp;

/// <summary>A status page on its own ports: public for the ops dashboard, loopback for the node's scraper.</summary>
internal static class StatusPage
{
    private const string PublicUrl = "http://0.0.0.0:9090";

    public static WebApplication Create()
    {
        var app = WebApplication.Create();
        app.Urls.Add(PublicUrl);
        app.Urls.Add("http://127.0.0.1:9091");
        app.MapGet("/", () => "up");
        return app;
    }
}
