using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Security;
using SecureCall.WebFrontend.Contracts;

namespace SecureCall.WebFrontend.Apis;

/// <summary>Liveness endpoints (both paths the seeds used).</summary>
public static class HealthApi
{
    private static readonly string Version = typeof(HealthApi).Assembly.GetName().Version?.ToString() ?? "0";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Get).WithTags("Health").WithSummary("Service health.");
        app.MapGet("/api/health", Get).WithTags("Health").WithSummary("Service health (seed path).");
        return app;
    }

    private static Ok<HealthResponse> Get(SecurityClock time) => TypedResults.Ok(new HealthResponse("healthy", Version, time.GetUtcNow()));
}
