using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Errors;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Apis;

/// <summary>Signature login (challenge/respond) and the seed-compatible password account endpoints.</summary>
public static class AuthApi
{
    private const int MaxIdLength = 128;
    private const int MaxPasswordChars = 4096;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Authentication");
        api.MapPost("/challenge", IssueAuthenticationChallengeAsync)
            .RequireRateLimiting(RateLimitPolicies.Signature)
            .WithSummary("Issue a login challenge (single-use nonce, 5 minutes).");
        api.MapPost("/respond", RespondAsync)
            .RequireRateLimiting(RateLimitPolicies.Signature)
            .WithSummary("Answer a login challenge with a signature; returns an RS256 token with amr [\"sig\"].");
        api.MapPost("/resume/challenge", IssueResumeChallengeAsync)
            .RequireRateLimiting(RateLimitPolicies.Signature)
            .WithSummary("Issue a challenge to redeem a liveness grant after a reload (single-use nonce, 5 minutes).");
        api.MapPost("/resume", ResumeAsync)
            .RequireRateLimiting(RateLimitPolicies.Signature)
            .WithSummary("Redeem a liveness grant with a signature by the device key; returns a token with the grant's amr and original expiry.");
        api.MapPost("/sign-out", SignOutAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Signature)
            .WithSummary("Sign out: revokes the user's liveness grants (the tokens themselves live until they expire).");
        api.MapPost("/register", RegisterPasswordAccountAsync)
            .RequireRateLimiting(RateLimitPolicies.Password)
            .WithSummary("Create a password account (seed contract).");
        api.MapPost("/login", LoginAsync)
            .RequireRateLimiting(RateLimitPolicies.Password)
            .WithSummary("Password login (seed contract); returns an RS256 token with amr [\"pwd\"].");
        api.MapGet("/profile", GetProfileAsync)
            .RequireAuthorization()
            .WithSummary("The signed-in user's profile (Bearer token).");
        return app;
    }

    private static Task<Ok<ChallengeResponse>> IssueAuthenticationChallengeAsync(ChallengeRequest request, IGrainFactory grains) =>
        ChallengeIssuance.IssueAsync(grains, request, ChallengePurpose.Authenticate);

    private static async Task<Ok<TokenResponse>> RespondAsync(RespondRequest request, IGrainFactory grains)
    {
        var challengeId = WireFormat.Required(request.ChallengeId, "challengeId", MaxIdLength);
        var signature = WireFormat.DecodeBase64Url(request.Signature, "signature", KeyLimits.MaxSignatureBytes);
        return TypedResults.Ok(Response(await grains.GetGrain<ILoginGrain>(0).CompleteSignatureLoginAsync(challengeId, signature)));
    }

    private static Task<Ok<ChallengeResponse>> IssueResumeChallengeAsync(ChallengeRequest request, IGrainFactory grains) =>
        ChallengeIssuance.IssueAsync(grains, request, ChallengePurpose.Resume);

    private static async Task<Ok<TokenResponse>> ResumeAsync(ResumeRequest request, IGrainFactory grains)
    {
        var challengeId = WireFormat.Required(request.ChallengeId, "challengeId", MaxIdLength);
        var grantId = WireFormat.Required(request.GrantId, "grantId", MaxIdLength);
        var signature = WireFormat.DecodeBase64Url(request.Signature, "signature", KeyLimits.MaxSignatureBytes);
        return TypedResults.Ok(Response(await grains.GetGrain<ILoginGrain>(0).ResumeLivenessAsync(challengeId, grantId, signature)));
    }

    private static async Task<Ok<SignOutResponse>> SignOutAsync(ClaimsPrincipal user, HttpContext context, IGrainFactory grains)
    {
        var userId = user.Subject();
        if (!UserIds.IsValid(userId))
        {
            throw new SecureCallException(FailureCode.UserNotFound, "The token's user has no account.");
        }
        return TypedResults.Ok(new SignOutResponse(await grains.GetGrain<IUserGrain>(userId).RevokeLivenessGrantsAsync(await AccessTokenProof.OfAsync(context))));
    }

    private static async Task<Created<PasswordRegisterResponse>> RegisterPasswordAccountAsync(PasswordRegisterRequest request, IGrainFactory grains)
    {
        UserIds.EnsureValid(request.Username);
        var password = WireFormat.Required(request.Password, "password", MaxPasswordChars);
        await grains.GetGrain<IUserGrain>(request.Username).CreatePasswordAccountAsync(request.Email, password);
        return TypedResults.Created("/api/auth/profile", new PasswordRegisterResponse(request.Username!));
    }

    private static async Task<Ok<TokenResponse>> LoginAsync(LoginRequest request, IGrainFactory grains)
    {
        var password = WireFormat.Required(request.Password, "password", MaxPasswordChars);
        return TypedResults.Ok(Response(await grains.GetGrain<ILoginGrain>(0).CompletePasswordLoginAsync(request.Username, password)));
    }

    private static async Task<Results<Ok<UserProfile>, NotFound>> GetProfileAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var userId = user.Subject();
        if (!UserIds.IsValid(userId) || await grains.GetGrain<IUserGrain>(userId).GetProfileAsync() is not { } profile)
        {
            throw new SecureCallException(FailureCode.UserNotFound, "The token's user has no account.");
        }
        return TypedResults.Ok(profile);
    }

    private static TokenResponse Response(AccessToken token) => new(token.Token, token.ExpiresIn);
}
