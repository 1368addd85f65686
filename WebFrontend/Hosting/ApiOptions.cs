namespace SecureCall.WebFrontend.Hosting;

/// <summary>Limits on the HTTP surface.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "SecureCall:Api";
    public const long DefaultMaxRequestBodyBytes = 64 * 1024;

    /// <summary>Largest accepted request body; bigger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Challenge and respond requests per client IP per minute.</summary>
    public int SignatureRequestsPerMinutePerIp { get; set; } = 600;

    /// <summary>
    /// Requests per client IP per minute to every endpoint that checks a password: password login, password account
    /// creation and key registration (which carries the password of an existing password account).
    /// </summary>
    public int PasswordRequestsPerMinutePerIp { get; set; } = 30;

    /// <summary>Token validation requests per client IP per minute.</summary>
    public int TokenRequestsPerMinutePerIp { get; set; } = 1200;

    /// <summary>
    /// The address browsers reach this service at, e.g. <c>https://call.example.org</c>, used for the absolute URLs in
    /// responses (<c>websocket_url</c>, <c>hub_url</c>). Empty (the default) answers relative URLs. Never taken from the
    /// request's Host header, which the client controls.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>True when <see cref="PublicBaseUrl"/> is empty or an absolute http(s) URL without query or fragment.</summary>
    public bool HasValidPublicBaseUrl =>
        string.IsNullOrEmpty(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo));

    /// <summary>
    /// <paramref name="path"/> (starting with '/') under <see cref="PublicBaseUrl"/>, in the WebSocket scheme when
    /// <paramref name="webSocket"/>; just the path when no public base URL is configured.
    /// </summary>
    public string PublicUrl(string path, bool webSocket = false)
    {
        if (string.IsNullOrEmpty(PublicBaseUrl))
        {
            return path;
        }
        var root = new Uri(PublicBaseUrl, UriKind.Absolute);
        var scheme = webSocket ? (root.Scheme == "https" ? "wss" : "ws") : root.Scheme;
        return $"{scheme}://{root.Authority}{root.AbsolutePath.TrimEnd('/')}{path}";
    }
}
