using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Host filtering by the <c>AllowedHosts</c> setting (';'-separated, <c>*.example.org</c> wildcards, <c>*</c> for
/// any), with the same matching as ASP.NET Core's own filter but refusing with a problem (code
/// <c>HostNotAllowed</c>) instead of a plain-text 400. The framework's filter, which runs before any of this
/// host's middleware, is told to let every host through to here.
/// </summary>
public sealed class AllowedHostsMiddleware(RequestDelegate next, IConfiguration configuration, IProblemDetailsService problems)
{
    /// <summary>The configuration key, as ASP.NET Core reads it.</summary>
    public const string SettingName = "AllowedHosts";

    private readonly List<StringSegment>? _allowed = Parse(configuration[SettingName]);

    public Task InvokeAsync(HttpContext context)
    {
        // A request without Host (HTTP/1.0) passes, as it does through the framework's filter by default.
        if (_allowed is null || !context.Request.Host.HasValue || HostString.MatchesAny(context.Request.Host.Host, _allowed))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Host not allowed",
            // Not the host the client sent: nothing of the request is echoed.
            Detail = "The Host header names a host this server does not serve (AllowedHosts).",
            Type = "https://securecall.dev/problems/HostNotAllowed",
        };
        problem.Extensions["code"] = "HostNotAllowed";
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>The host names to allow (without ports), or null when any host is allowed.</summary>
    private static List<StringSegment>? Parse(string? setting)
    {
        var entries = (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0 || entries.Contains("*"))
        {
            return null;
        }
        // "[::1]:5000" and "[::1]" both name the host "[::1]", as the framework's filter normalises them.
        return entries.Select(entry => new StringSegment(HostString.FromUriComponent(entry).Host)).ToList();
    }
}
