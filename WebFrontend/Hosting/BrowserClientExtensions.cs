using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Serves the built browser client (Client.Web, copied to <c>client/</c> beside the host): hashed assets with a
/// year-long immutable cache, <c>index.html</c> never cached, and the client's own routes answered with
/// <c>index.html</c> so a reload on <c>/calls</c> works. API paths are never shadowed.
/// </summary>
public static class BrowserClientExtensions
{
    /// <summary>The client's page routes (history API); each serves index.html.</summary>
    public static readonly string[] Routes = ["/signin", "/create", "/restore", "/backup", "/verify", "/calls", "/contacts"];

    private const string IndexFile = "index.html";
    private static readonly string ImmutableCache = "public, max-age=31536000, immutable";

    public static WebApplication UseBrowserClient(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "client");
        if (!File.Exists(Path.Combine(root, IndexFile)))
        {
            app.Logger.LogWarning("The browser client is not built ({Path} is missing): run `bash Client.Web/build.sh` before building the host.", Path.Combine(root, IndexFile));
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] =
                context.Context.Request.Path.StartsWithSegments("/assets") ? ImmutableCache : "no-cache",
        });
        var index = files.GetFileInfo(IndexFile);
        foreach (var route in Routes.Prepend("/"))
        {
            app.MapGet(route, (HttpContext context) =>
            {
                context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
                return Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8");
            }).ExcludeFromDescription();
        }
        return app;
    }
}
