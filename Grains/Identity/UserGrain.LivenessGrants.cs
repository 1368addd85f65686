using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Crypto;

namespace SecureCall.Grains.Identity;

/// <summary>
/// Liveness grants: a live token's assurance, bound to the device key for the token's remaining lifetime, so a reload
/// costs a signature and not a new proof of life. Redeeming needs a fresh challenge signed by the registered key and
/// yields the grant's amr with the grant's expiry; a copy of a token, or any other key, redeems nothing (docs/verification.md).
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>Grants kept per user: one per tab that verified recently is plenty; the oldest goes first.</summary>
    public const int MaxLivenessGrants = 4;

    /// <summary>Longest grant id taken (a token's <c>jti</c>: 22 base64url characters).</summary>
    public const int MaxGrantIdLength = 64;

    private static readonly string[] GrantAmr = [ClaimNames.Signature, ClaimNames.Liveness];
    private static readonly string[] RevokeAmr = [ClaimNames.Signature];

    public async Task RecordLivenessGrantAsync(IdentityProof liveToken)
    {
        var checkedProof = await IdentityProofCheck.CheckAsync(tokenValidator, liveToken, UserId, GrantAmr, "Keeping a liveness grant");
        if (state.State.SigningKey is not { } key)
        {
            return;
        }
        var jwt = new JsonWebToken(liveToken.Token);
        var grant = new LivenessGrant(checkedProof.Jti, [.. checkedProof.Methods],
            jwt.TryGetPayloadValue<string>(ClaimNames.SessionId, out var sid) ? sid : null,
            jwt.TryGetPayloadValue<double>(ClaimNames.Score, out var score) ? score : null,
            checkedProof.FaceTemplateId,
            new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc)),
            key.Fingerprint);
        var now = time.GetUtcNow();
        var kept = state.State.LivenessGrants.Where(g => g.ExpiresAt > now).ToList();
        kept.Add(grant);
        state.State.LivenessGrants = kept.OrderBy(g => g.ExpiresAt).TakeLast(MaxLivenessGrants).ToList();
        await state.WriteStateAsync();
    }

    public async Task<LivenessGrant> RedeemLivenessGrantAsync(string challengeId, string grantId, byte[] signature)
    {
        if (string.IsNullOrEmpty(grantId) || grantId.Length > MaxGrantIdLength || !grantId.All(IsBase64UrlChar))
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"grantId must be 1 to {MaxGrantIdLength} base64url characters.");
        }
        // The nonce burns first, whatever follows: a replayed challenge is refused even with a valid signature.
        var nonce = await ConsumeAsync(challengeId, ChallengePurpose.Resume);
        if (!await VerifySignatureAsync(CanonicalMessage.Resume(UserId, challengeId, nonce, grantId), signature))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureFailed, UserId, AuditSource.Current, $"resume, challenge {challengeId}, grant {grantId}"));
            throw new SecureCallException(FailureCode.BadSignature, "The signature does not verify with this user's registered key.");
        }
        var now = time.GetUtcNow();
        var wanted = Encoding.UTF8.GetBytes(grantId);
        var grant = state.State.LivenessGrants.FirstOrDefault(g => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(g.GrantId), wanted));
        var refusal = grant is null ? "unknown or revoked grant"
            : grant.ExpiresAt <= now ? "expired grant"
            : state.State.SigningKey is not { } key || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.Fingerprint), Encoding.UTF8.GetBytes(grant.KeyFingerprint))
                ? "grant bound to another signing key"
                : null;
        if (refusal is not null)
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.LoginFailed, UserId, AuditSource.Current, $"resume refused: {refusal}, grant {grantId}"));
            throw new SecureCallException(FailureCode.InsufficientAssurance, "There is no proof of life to resume: it expired or was revoked. Prove you are live again.");
        }
        return grant!;
    }

    public async Task<int> RevokeLivenessGrantsAsync(IdentityProof proof)
    {
        var jti = await IdentityProofCheck.RequireAsync(tokenValidator, proof, UserId, RevokeAmr, "Signing out");
        var revoked = state.State.LivenessGrants.Count;
        if (revoked > 0)
        {
            state.State.LivenessGrants = [];
            await state.WriteStateAsync();
        }
        await audit.AppendAsync(new AuditEvent(AuditEventType.LivenessGrantsRevoked, UserId, AuditSource.Current, $"sign-out with token {jti}: {revoked} grant(s) revoked"));
        return revoked;
    }

    private static bool IsBase64UrlChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';
}
