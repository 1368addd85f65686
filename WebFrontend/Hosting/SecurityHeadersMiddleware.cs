namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Browser hardening on every response: a strict Content-Security-Policy (no inline script, no framing, same-origin
/// connections only), no MIME sniffing, no referrer, camera and microphone for this origin only. The headers are set
/// as the response starts, not as the request comes in: the exception handler clears the response before it writes a
/// problem, and a refusal needs them as much as a success.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state => Apply((HttpResponse)state), context.Response);
        return next(context);
    }

    private static Task Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(self), microphone=(self), display-capture=(), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return Task.CompletedTask;
    }
}
