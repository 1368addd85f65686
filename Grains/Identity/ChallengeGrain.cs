using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Audit;
using SecureCall.Grains.Crypto;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Options;
using SecureCall.Grains.Storage;

using SecureCall.Grains.Hosting;

namespace SecureCall.Grains.Identity;

/// <summary>
/// Owns one challenge. The grain is not reentrant, so concurrent completions queue; the first durably marks the
/// nonce consumed before verifying anything, and every later attempt sees it used. A used challenge leaves memory
/// at once and an unused one after two minutes (its state stays durable): at hundreds of logins per second,
/// thousands of idle activations would otherwise burden the garbage collector.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ChallengeGrain(
    [PersistentState("challenge", StorageNames.Challenges)] IPersistentState<ChallengeState> state,
    IAuditLog audit,
    IOptions<ChallengeOptions> options,
    SecurityClock time) : Grain, IChallengeGrain
{
    private string ChallengeId => this.GetPrimaryKeyString();

    public async Task<IssuedChallenge> BeginAsync(string userId, ChallengePurpose purpose)
    {
        UserIds.EnsureValid(userId);
        if (state.RecordExists)
        {
            throw new SecureCallException(FailureCode.ChallengeAlreadyExists, "This challenge id is already in use.");
        }
        var now = time.GetUtcNow();
        state.State = new ChallengeState
        {
            UserId = userId,
            Purpose = purpose,
            Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ChallengeOptions.DefaultNonceBytes)),
            IssuedAt = now,
            ExpiresAt = now + options.Value.NonceLifetime,
        };
        // The state and its audit record reach the writer together and share one commit: one durable wait, not two.
        // Should the state write fail, the caller gets the error and the record documents an issue that did not happen.
        await Task.WhenAll(
            state.WriteStateAsync(),
            audit.AppendAsync(new AuditEvent(AuditEventType.ChallengeIssued, userId, AuditSource.Current, $"{purpose} challenge {ChallengeId}")));
        return new IssuedChallenge(ChallengeId, state.State.Nonce, state.State.ExpiresAt);
    }

    public async Task<RegisteredUser> CompleteRegistrationAsync(KeyRegistration registration)
    {
        RegistrationRules.Validate(registration);
        using var signingKey = PublicKeys.ImportSigningKey(registration.Algorithm, registration.SigningSpki);
        PublicKeys.CheckAgreementKey(registration.AgreementSpki);

        var nonce = await ConsumeAsync(ChallengePurpose.Register, registration.UserId);
        var fingerprint = KeyFingerprint.Of(registration.SigningSpki);
        var signed = CanonicalMessage.Register(registration.UserId, ChallengeId, nonce, fingerprint);
        if (!SignatureVerifier.Verify(signingKey, signed, registration.Signature))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureFailed, registration.UserId, AuditSource.Current, $"registration, challenge {ChallengeId}"));
            throw new SecureCallException(FailureCode.BadSignature, "The signature does not verify with the submitted key.");
        }
        await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureVerified, registration.UserId, AuditSource.Current, $"registration, key {fingerprint}"));
        return await GrainFactory.GetGrain<IUserGrain>(registration.UserId).AddVerifiedKeysAsync(registration);
    }

    public async Task<string> CompleteAuthenticationAsync(byte[] signature)
    {
        var nonce = await ConsumeAsync(ChallengePurpose.Authenticate, claimedUserId: null);
        var userId = state.State.UserId;
        var signed = CanonicalMessage.Authenticate(userId, ChallengeId, nonce);
        if (!await GrainFactory.GetGrain<IUserGrain>(userId).VerifySignatureAsync(signed, signature))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureFailed, userId, AuditSource.Current, $"authentication, challenge {ChallengeId}"));
            throw new SecureCallException(FailureCode.BadSignature, "The signature does not verify.");
        }
        // The success is audited by the caller, together with the token it grants (see IChallengeGrain).
        return userId;
    }

    /// <summary>Checks the challenge may be used for this purpose and user, then durably marks it used; returns the nonce.</summary>
    private async Task<string> ConsumeAsync(ChallengePurpose purpose, string? claimedUserId)
    {
        if (!state.RecordExists)
        {
            await RejectAsync(claimedUserId ?? "unknown", "unknown challenge", FailureCode.UnknownChallenge, "Unknown or expired challenge.");
        }
        var challenge = state.State;
        if (challenge.Consumed)
        {
            await RejectAsync(challenge.UserId, "replayed challenge", FailureCode.ChallengeAlreadyUsed, "This challenge was already used.");
        }

        // Any use, even a refused one, burns the nonce: it can never be retried with better guesses.
        challenge.Consumed = true;
        await state.WriteStateAsync();
        DeactivateOnIdle();

        if (time.GetUtcNow() > challenge.ExpiresAt)
        {
            await RejectAsync(challenge.UserId, "expired challenge", FailureCode.ChallengeExpired, "The challenge has expired; request a new one.");
        }
        if (challenge.Purpose != purpose)
        {
            await RejectAsync(challenge.UserId, $"{challenge.Purpose} challenge used for {purpose}", FailureCode.ChallengePurposeMismatch,
                "The challenge was issued for a different purpose.");
        }
        if (claimedUserId is not null && !string.Equals(claimedUserId, challenge.UserId, StringComparison.Ordinal))
        {
            await RejectAsync(challenge.UserId, $"challenge used for user {claimedUserId}", FailureCode.ChallengeUserMismatch,
                "The challenge was issued for a different user.");
        }
        return challenge.Nonce;
    }

    private async Task RejectAsync(string subject, string reason, FailureCode code, string message)
    {
        await audit.AppendAsync(new AuditEvent(AuditEventType.NonceMisuse, subject, AuditSource.Current, $"{reason}: {ChallengeId}"));
        throw new SecureCallException(code, message);
    }
}
