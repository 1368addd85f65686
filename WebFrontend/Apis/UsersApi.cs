using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Errors;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Apis;

/// <summary>Device-key registration with proof of possession, and public key lookup.</summary>
public static class UsersApi
{
    private const int MaxIdLength = 128;

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags("Users");
        api.MapPost("/challenge", IssueRegistrationChallengeAsync)
            .RequireRateLimiting(RateLimitPolicies.Signature)
            .WithSummary("Issue a registration challenge (single-use nonce, 5 minutes).");
        // A registration may carry the account's password (binding a device key to a password account), so it is
        // limited like every other endpoint that checks a password.
        api.MapPost("/", RegisterKeysAsync)
            .RequireRateLimiting(RateLimitPolicies.Password)
            .WithSummary("Register a user's signing and agreement keys, proven by a signature over the challenge.");
        api.MapGet("/{userId}/keys", GetKeysAsync)
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithSummary("A user's public keys, fingerprints and registration time.");
        return app;
    }

    private static Task<Ok<ChallengeResponse>> IssueRegistrationChallengeAsync(ChallengeRequest request, IGrainFactory grains) =>
        ChallengeIssuance.IssueAsync(grains, request, ChallengePurpose.Register);

    private static async Task<Created<RegisterKeysResponse>> RegisterKeysAsync(RegisterKeysRequest request, IGrainFactory grains)
    {
        UserIds.EnsureValid(request.UserId);
        var algorithm = request.SigningKey?.Alg switch
        {
            "ES256" => SigningAlgorithm.ES256,
            "PS256" => SigningAlgorithm.PS256,
            _ => throw new SecureCallException(FailureCode.InvalidInput, "signingKey.alg must be \"ES256\" or \"PS256\"."),
        };
        var registration = new KeyRegistration(
            request.UserId!,
            request.DisplayName ?? request.UserId!,
            algorithm,
            WireFormat.DecodeBase64Url(request.SigningKey!.Spki, "signingKey.spki", KeyLimits.MaxSpkiBytes),
            WireFormat.DecodeBase64Url(request.AgreementKey?.Spki, "agreementKey.spki", KeyLimits.MaxSpkiBytes),
            request.Password,
            WireFormat.Required(request.ChallengeId, "challengeId", MaxIdLength),
            WireFormat.DecodeBase64Url(request.Signature, "signature", KeyLimits.MaxSignatureBytes));
        var registered = await grains.GetGrain<IUserGrain>(registration.UserId).CompleteRegistrationAsync(registration);
        return TypedResults.Created($"/api/users/{registered.UserId}/keys", new RegisterKeysResponse(registered.UserId, registered.SigningKeyFingerprint));
    }

    private static async Task<Results<Ok<UserKeysResponse>, NotFound>> GetKeysAsync(string userId, IGrainFactory grains)
    {
        UserIds.EnsureValid(userId);
        if (await grains.GetGrain<IUserGrain>(userId).GetKeysAsync() is not { } keys)
        {
            throw new SecureCallException(FailureCode.UserNotFound, "No keys are registered for this user.");
        }
        return TypedResults.Ok(new UserKeysResponse(
            keys.UserId, keys.DisplayName, View(keys.SigningKey), View(keys.AgreementKey), keys.RegisteredAt, keys.History.Select(View).ToList()));
    }

    private static PublicKeyView View(PublicKeyRecord key) =>
        new(key.Algorithm, Base64Url.EncodeToString(key.Spki), key.Fingerprint, key.AddedAt, key.RetiredAt);
}
