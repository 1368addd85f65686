using System.Buffers.Text;
using System.Security.Cryptography;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Options;
using SecureCall.Security.Challenges;
using SecureCall.Security.Crypto;

namespace SecureCall.Grains.Identity;

/// <summary>
/// The user's signature challenges: issued here, stored in the shared <see cref="IChallengeStore"/>, and answered
/// here, where the user's key is. Answering first consumes the challenge in the store (one atomic database step),
/// then checks it, then verifies the signature: any use burns the nonce, and it can win at most once.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<IssuedChallenge> IssueChallengeAsync(ChallengePurpose purpose)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new SecureCallException(FailureCode.InvalidInput, "Unknown challenge purpose.");
        }
        var now = time.GetUtcNow();
        if (!_challengeLimiter.TryAcquire(now))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.RateLimited, UserId, AuditSource.Current, "challenge requests per user"));
            throw new SecureCallException(FailureCode.RateLimited, "Too many challenges requested; wait a minute.");
        }
        if (purpose == ChallengePurpose.Register && state.State.SigningKey is not null)
        {
            throw new SecureCallException(FailureCode.AlreadyRegistered, "This user already has a device key.");
        }
        var challenge = new ChallengeRecord(ChallengeIds.New(UserId), UserId, purpose,
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ChallengeOptions.DefaultNonceBytes)), now, now + challengeOptions.Value.NonceLifetime);
        // The challenge and its audit record reach the writer together and share one commit: one durable wait, not
        // two. Should storing fail, the caller gets the error and the record documents an issue that did not happen.
        var added = challenges.AddAsync(challenge);
        await Task.WhenAll(added, audit.AppendAsync(new AuditEvent(AuditEventType.ChallengeIssued, UserId, AuditSource.Current, $"{purpose} challenge {challenge.Id}")));
        if (!await added)
        {
            throw new SecureCallException(FailureCode.ChallengeAlreadyExists, "This challenge id is already in use.");
        }
        return new IssuedChallenge(challenge.Id, challenge.Nonce, challenge.ExpiresAt);
    }

    public async Task<RegisteredUser> CompleteRegistrationAsync(KeyRegistration registration)
    {
        RegistrationRules.Validate(registration);
        if (!string.Equals(registration.UserId, UserId, StringComparison.Ordinal))
        {
            throw new SecureCallException(FailureCode.InvalidInput, "The registration names another user.");
        }
        using var signingKey = PublicKeys.ImportSigningKey(registration.Algorithm, registration.SigningSpki);
        PublicKeys.CheckAgreementKey(registration.AgreementSpki);

        var nonce = await ConsumeAsync(registration.ChallengeId, ChallengePurpose.Register);
        var fingerprint = KeyFingerprint.Of(registration.SigningSpki);
        var signed = CanonicalMessage.Register(UserId, registration.ChallengeId, nonce, fingerprint);
        if (!SignatureVerifier.Verify(signingKey, signed, registration.Signature))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureFailed, UserId, AuditSource.Current, $"registration, challenge {registration.ChallengeId}"));
            throw new SecureCallException(FailureCode.BadSignature, "The signature does not verify with the submitted key.");
        }
        await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureVerified, UserId, AuditSource.Current, $"registration, key {fingerprint}"));
        return await AddVerifiedKeysAsync(registration);
    }

    public async Task<string> CompleteAuthenticationAsync(string challengeId, byte[] signature)
    {
        var nonce = await ConsumeAsync(challengeId, ChallengePurpose.Authenticate);
        var signed = CanonicalMessage.Authenticate(UserId, challengeId, nonce);
        if (!await VerifySignatureAsync(signed, signature))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureFailed, UserId, AuditSource.Current, $"authentication, challenge {challengeId}"));
            throw new SecureCallException(FailureCode.BadSignature, "The signature does not verify.");
        }
        // The success is audited by the caller, together with the token it grants (see IUserGrain).
        return UserId;
    }

    /// <summary>Durably uses the challenge, then checks it was this user's, for this purpose, in time; returns its nonce.</summary>
    private async Task<string> ConsumeAsync(string challengeId, ChallengePurpose purpose)
    {
        var now = time.GetUtcNow();
        var consumption = await challenges.ConsumeAsync(challengeId, now);
        if (consumption.Challenge is not { } challenge)
        {
            return await RejectAsync(UserId, $"unknown challenge: {challengeId}", FailureCode.UnknownChallenge, "Unknown or expired challenge.");
        }
        if (consumption.Outcome == ConsumeOutcome.AlreadyUsed)
        {
            return await RejectAsync(challenge.UserId, $"replayed challenge: {challengeId}", FailureCode.ChallengeAlreadyUsed, "This challenge was already used.");
        }
        if (now > challenge.ExpiresAt)
        {
            return await RejectAsync(challenge.UserId, $"expired challenge: {challengeId}", FailureCode.ChallengeExpired, "The challenge has expired; request a new one.");
        }
        if (challenge.Purpose != purpose)
        {
            return await RejectAsync(challenge.UserId, $"{challenge.Purpose} challenge used for {purpose}: {challengeId}", FailureCode.ChallengePurposeMismatch,
                "The challenge was issued for a different purpose.");
        }
        if (!string.Equals(challenge.UserId, UserId, StringComparison.Ordinal))
        {
            return await RejectAsync(challenge.UserId, $"challenge used for user {UserId}: {challengeId}", FailureCode.ChallengeUserMismatch,
                "The challenge was issued for a different user.");
        }
        return challenge.Nonce;
    }

    private async Task<string> RejectAsync(string subject, string reason, FailureCode code, string message)
    {
        await audit.AppendAsync(new AuditEvent(AuditEventType.NonceMisuse, subject, AuditSource.Current, reason));
        throw new SecureCallException(code, message);
    }
}
