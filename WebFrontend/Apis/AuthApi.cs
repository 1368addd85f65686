using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Grains.Identity;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Audit;
using SecureCall.Security.Crypto;
using SecureCall.Security.Tokens;
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

    private static async Task<Ok<TokenResponse>> RespondAsync(RespondRequest request, IGrainFactory grains, TokenIssuer tokens, IAuditLog audit)
    {
        var challengeId = WireFormat.Required(request.ChallengeId, "challengeId", MaxIdLength);
        var signature = WireFormat.DecodeBase64Url(request.Signature, "signature", SignatureVerifier.MaxSignatureBytes);
        if (!ChallengeIds.TryGetUserId(challengeId, out var owner))
        {
            // Not even shaped like an id this server issues: no user's grain to ask, so the refusal is audited here.
            await audit.AppendAsync(new AuditEvent(AuditEventType.NonceMisuse, "unknown", AuditSource.Current, $"unknown challenge: {challengeId}"));
            throw new SecureCallException(FailureCode.UnknownChallenge, "Unknown or expired challenge.");
        }
        var userId = await grains.GetGrain<IUserGrain>(owner).CompleteAuthenticationAsync(challengeId, signature);
        var verified = new AuditEvent(AuditEventType.SignatureVerified, userId, AuditSource.Current, $"authentication, challenge {challengeId}");
        return TypedResults.Ok(await IssueAsync(tokens, audit, userId, ["sig"], verified));
    }

    private static async Task<Created<PasswordRegisterResponse>> RegisterPasswordAccountAsync(PasswordRegisterRequest request, IGrainFactory grains)
    {
        UserIds.EnsureValid(request.Username);
        var password = WireFormat.Required(request.Password, "password", MaxPasswordChars);
        await grains.GetGrain<IUserGrain>(request.Username).CreatePasswordAccountAsync(request.Email, password);
        return TypedResults.Created("/api/auth/profile", new PasswordRegisterResponse(request.Username!));
    }

    private static async Task<Ok<TokenResponse>> LoginAsync(LoginRequest request, IGrainFactory grains, TokenIssuer tokens, IAuditLog audit)
    {
        var password = WireFormat.Required(request.Password, "password", MaxPasswordChars);
        // A malformed name cannot exist; answer exactly like a wrong password so the reply reveals nothing.
        if (!UserIds.IsValid(request.Username))
        {
            throw new SecureCallException(FailureCode.InvalidCredentials, UserGrain.InvalidCredentialsMessage);
        }
        await grains.GetGrain<IUserGrain>(request.Username).VerifyPasswordAsync(password);
        return TypedResults.Ok(await IssueAsync(tokens, audit, request.Username!, ["pwd"]));
    }

    private static async Task<Results<Ok<UserProfile>, NotFound>> GetProfileAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var userId = user.FindFirstValue("sub");
        if (!UserIds.IsValid(userId) || await grains.GetGrain<IUserGrain>(userId).GetProfileAsync() is not { } profile)
        {
            throw new SecureCallException(FailureCode.UserNotFound, "The token's user has no account.");
        }
        return TypedResults.Ok(profile);
    }

    /// <summary>Issues a token; it is returned only once its audit record (after <paramref name="proof"/>, if given) is durable.</summary>
    private static async Task<TokenResponse> IssueAsync(TokenIssuer tokens, IAuditLog audit, string userId, string[] amr, AuditEvent? proof = null)
    {
        var token = tokens.Issue(userId, amr);
        var issued = new AuditEvent(AuditEventType.TokenIssued, userId, AuditSource.Current, $"jti {token.Jti}, amr {string.Join(',', amr)}");
        await audit.AppendAllAsync(proof is null ? [issued] : [proof, issued]);
        return new TokenResponse(token.Token, token.ExpiresIn);
    }
}
