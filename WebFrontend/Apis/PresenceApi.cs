using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Apis;

/// <summary>
/// Who among a list of users can be rung now (a browser of theirs is connected to the call hub). Only a keyed user (a
/// signature login) may ask, within a per-user budget of look-ups, and the answer says nothing more than online or not:
/// an id no one registered looks like an offline user, and asking about it activates nothing (the presence index is
/// sharded, see <see cref="PresenceShards"/>).
/// </summary>
public static class PresenceApi
{
    public static IEndpointRouteBuilder MapPresenceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/presence", GetOnlineAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Calls")
            .WithSummary($"Which of up to {PresenceRequest.MaxUsers} users are online (can be rung now); token with amr sig, per-user budget (429 with Retry-After).");
        return app;
    }

    private static async Task<Results<Ok<PresenceResponse>, ProblemHttpResult>> GetOnlineAsync(
        PresenceRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext context)
    {
        // Calls need a signature login, so does asking who can be rung: a password account is no lever on presence.
        if (!user.HasMethod(ClaimNames.Signature))
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, "Presence needs a token from a signature login (amr sig).");
        }
        var ids = request.UserIds ?? throw new SecureCallException(FailureCode.InvalidInput, "userIds is required.");
        if (ids.Count > PresenceRequest.MaxUsers)
        {
            throw new SecureCallException(FailureCode.LimitExceeded, $"Ask about at most {PresenceRequest.MaxUsers} users at once.");
        }
        foreach (var id in ids)
        {
            UserIds.EnsureValid(id);
        }
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var asker = user.Subject()!;
        if (await grains.GetGrain<IUserLimitsGrain>(asker).TryPresenceLookupsAsync(distinct.Count) is { } wait)
        {
            return await OverBudgetAsync(context, grains, asker, wait);
        }
        var answers = await Task.WhenAll(distinct.GroupBy(PresenceShards.Of)
            .Select(shard => grains.GetGrain<IPresenceShardGrain>(shard.Key).WhichOnlineAsync([.. shard])));
        var online = answers.SelectMany(a => a).ToHashSet(StringComparer.Ordinal);
        return TypedResults.Ok(new PresenceResponse([.. distinct.Where(online.Contains)]));
    }

    // Written here, not thrown: the exception handler clears the response's headers, Retry-After with them.
    private static async Task<ProblemHttpResult> OverBudgetAsync(HttpContext context, IGrainFactory grains, string asker, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        await grains.GetGrain<IAuditGrain>(0).AppendAsync(new AuditEvent(AuditEventType.RateLimited, asker, ClientAddress.Of(context), "presence look-ups per user"));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"Too many presence look-ups; retry in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            type: $"https://securecall.dev/problems/{FailureCode.RateLimited}",
            extensions: new Dictionary<string, object?> { ["code"] = nameof(FailureCode.RateLimited) });
    }
}
