using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Grains.Interfaces.Diagnostics;
using SecureCall.WebFrontend.Contracts;

namespace SecureCall.WebFrontend.Apis;

/// <summary>
/// Orchestrator probes: <c>/health/live</c> (the process answers), <c>/health/startup</c> (the host finished starting:
/// silo joined, models warmed up), <c>/health/ready</c> (a silo answers a grain call and grain storage answers a read,
/// within <see cref="ProbeTimeout"/>). Unready answers are 503 with the failing check named.
/// </summary>
public static class ProbesApi
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapProbesApi(this IEndpointRouteBuilder app)
    {
        var probes = app.MapGroup("/health").WithTags("Health");
        probes.MapGet("/live", () => TypedResults.Ok(new ProbeResponse("live", [])))
            .WithSummary("Liveness: the process answers.");
        probes.MapGet("/startup", Startup)
            .WithSummary("Startup: the host has finished starting (silo joined, models loaded).");
        probes.MapGet("/ready", ReadyAsync)
            .WithSummary("Readiness: a silo answers and grain storage answers a read.");
        return app;
    }

    private static Results<Ok<ProbeResponse>, JsonHttpResult<ProbeResponse>> Startup(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStarted.IsCancellationRequested
            ? TypedResults.Ok(new ProbeResponse("started", []))
            : TypedResults.Json(new ProbeResponse("starting", [new ProbeCheck("host", false, "still starting", null)]), statusCode: StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<ProbeResponse>, JsonHttpResult<ProbeResponse>>> ReadyAsync(IGrainFactory grains, CancellationToken cancellation)
    {
        ProbeCheck silo, storage;
        try
        {
            var probe = await grains.GetGrain<IHealthProbeGrain>(IHealthProbeGrain.Key).ProbeStorageAsync().WaitAsync(ProbeTimeout, cancellation);
            silo = new ProbeCheck("silo", true, null, null);
            storage = new ProbeCheck("storage", probe.Healthy, probe.Problem, Math.Round(probe.Milliseconds, 2));
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or OperationCanceledException)
        {
            silo = new ProbeCheck("silo", false, exception is TimeoutException ? "no answer within the probe timeout" : exception.GetType().Name, null);
            storage = new ProbeCheck("storage", false, "not reached", null);
        }
        var checks = new[] { silo, storage };
        return checks.All(c => c.Healthy)
            ? TypedResults.Ok(new ProbeResponse("ready", checks))
            : TypedResults.Json(new ProbeResponse("unready", checks), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
