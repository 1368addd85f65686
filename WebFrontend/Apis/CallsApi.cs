using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Hosting;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.WebFrontend.Apis;

/// <summary>Call set-up support over HTTP: ICE servers with short-lived TURN credentials, call policy, missed calls.</summary>
public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/calls/ice-servers", GetIceServers)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Calls")
            .WithSummary("STUN/TURN servers for RTCPeerConnection (token with amr sig); TURN credentials expire (coturn use-auth-secret).");
        app.MapGet("/api/calls/policy", GetPolicyAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Calls")
            .WithSummary("The signed-in user's call policy.");
        app.MapPut("/api/calls/policy", SetPolicyAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Calls")
            .WithSummary("Require callers to have at least this verification score to ring you (token with amr sig).");
        app.MapPost("/api/calls/missed", TakeMissedCallsAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Calls")
            .WithSummary("The calls the signed-in user missed since they last looked (each is returned once).");
        return app;
    }

    // POST: taking the list clears it, so a person sees each missed call once, in whichever tab signs in first.
    private static async Task<Ok<MissedCallsResponse>> TakeMissedCallsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var calls = await grains.GetGrain<IMissedCallsGrain>(user.Subject()!).TakeAsync();
        return TypedResults.Ok(new MissedCallsResponse([.. calls.Select(c => new MissedCallView(c.CallId, c.CallerId, c.At))]));
    }

    private static async Task<Ok<CallPolicy>> GetPolicyAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(new CallPolicy(await grains.GetGrain<IUserGrain>(user.Subject()!).GetMinimumCallerScoreAsync()));

    private static async Task<Ok<CallPolicy>> SetPolicyAsync(CallPolicy policy, ClaimsPrincipal user, IGrainFactory grains, HttpContext context)
    {
        // A password login must not lower who may ring the user; the user grain checks the token again.
        if (!user.HasMethod(ClaimNames.Signature))
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, "Changing who may ring you needs a token from a signature login (amr sig).");
        }
        await grains.GetGrain<IUserGrain>(user.Subject()!).SetMinimumCallerScoreAsync(await AccessTokenProof.OfAsync(context), policy.MinimumCallerScore);
        return TypedResults.Ok(policy);
    }

    private static Ok<IceServersResponse> GetIceServers(ClaimsPrincipal user, IOptions<IceServerOptions> options, SecurityClock time)
    {
        // TURN relays cost bandwidth and are only needed for calls, which need a signature login: so do credentials.
        if (!user.HasMethod(ClaimNames.Signature))
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, "ICE servers and TURN credentials need a token from a signature login (amr sig).");
        }
        var o = options.Value;
        var servers = new List<IceServerView>();
        if (o.StunUrls.Count > 0)
        {
            servers.Add(new IceServerView(o.StunUrls, null, null));
        }
        if (o.TurnUrls.Count > 0 && !string.IsNullOrEmpty(o.TurnSharedSecret))
        {
            var (username, credential) = TurnCredentials.Create(user.Subject()!, o.TurnSharedSecret, time.GetUtcNow() + o.CredentialLifetime);
            servers.Add(new IceServerView(o.TurnUrls, username, credential));
        }
        // The W3C spelling ("all", "relay"), which RTCPeerConnection takes as it is.
        var policy = o.IceTransportPolicy == IceTransportPolicy.Relay ? "relay" : "all";
        return TypedResults.Ok(new IceServersResponse(servers, (int)o.CredentialLifetime.TotalSeconds, policy));
    }
}
