using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>Per-client-IP limits on the endpoints an attacker would hammer; refusals are problem details and audited.</summary>
public static class RateLimitPolicies
{
    public const string Signature = "per-ip-signature";
    public const string Password = "per-ip-password";
    public const string Token = "per-ip-token";

    public static IServiceCollection AddSecureCallRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Signature, context => PerIp(context, o => o.SignatureRequestsPerMinutePerIp));
            limiter.AddPolicy(Password, context => PerIp(context, o => o.PasswordRequestsPerMinutePerIp));
            limiter.AddPolicy(Token, context => PerIp(context, o => o.TokenRequestsPerMinutePerIp));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerIp(HttpContext context, Func<ApiOptions, int> limit)
    {
        var permits = limit(context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value);
        return RateLimitPartition.GetSlidingWindowLimiter(ClientAddress.Of(context), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var audit = context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IAuditGrain>(0);
        await audit.AppendAsync(new AuditEvent(AuditEventType.RateLimited, context.Request.Path, ClientAddress.Of(context), "requests per IP"));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "60";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "Too many requests from this address; retry in a minute.",
                Type = "https://securecall.dev/problems/RateLimited",
                Extensions = { ["code"] = "RateLimited" },
            },
        });
    }
}
