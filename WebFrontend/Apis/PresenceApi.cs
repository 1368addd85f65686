using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Apis;

/// <summary>
/// Who among a list of users can be rung now (a browser of theirs is connected to the call hub). Any signed-in user
/// may ask about user ids they know, as in most messengers; the answer says nothing more than online or not.
/// </summary>
public static class PresenceApi
{
    public static IEndpointRouteBuilder MapPresenceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/presence", GetOnlineAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Calls")
            .WithSummary($"Which of up to {PresenceRequest.MaxUsers} users are online (can be rung now).");
        return app;
    }

    private static async Task<Ok<PresenceResponse>> GetOnlineAsync(PresenceRequest request, IGrainFactory grains)
    {
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
        var online = await Task.WhenAll(distinct.Select(id => grains.GetGrain<IPresenceGrain>(id).IsOnlineAsync()));
        return TypedResults.Ok(new PresenceResponse(distinct.Where((_, i) => online[i]).ToList()));
    }
}
