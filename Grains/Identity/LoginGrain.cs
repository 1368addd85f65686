using Orleans.Concurrency;
using SecureCall.Grains.Diagnostics;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Audit;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Identity;

/// <summary>
/// Completes logins and issues their tokens. It holds no state, so one activation per silo serves any number of
/// logins at once (reentrant): each waits on its user's grain and on one audit commit, never on another login.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LoginGrain(TokenIssuer tokens, IAuditLog audit) : Grain, ILoginGrain
{
    public async Task<AccessToken> CompleteSignatureLoginAsync(string challengeId, byte[] signature)
    {
        if (!ChallengeIds.TryGetUserId(challengeId, out var owner))
        {
            // Not even shaped like an id this server issues: no user's grain to ask, so the refusal is audited here.
            await audit.AppendAsync(new AuditEvent(AuditEventType.NonceMisuse, "unknown", AuditSource.Current, $"unknown challenge: {challengeId}"));
            throw new SecureCallException(FailureCode.UnknownChallenge, "Unknown or expired challenge.");
        }
        var userId = await GrainFactory.GetGrain<IUserGrain>(owner).CompleteAuthenticationAsync(challengeId, signature);
        var verified = new AuditEvent(AuditEventType.SignatureVerified, userId, AuditSource.Current, $"authentication, challenge {challengeId}");
        return await IssueAsync(userId, [ClaimNames.Signature], verified);
    }

    public async Task<AccessToken> ResumeLivenessAsync(string challengeId, string grantId, byte[] signature)
    {
        if (!ChallengeIds.TryGetUserId(challengeId, out var owner))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.NonceMisuse, "unknown", AuditSource.Current, $"unknown challenge: {challengeId}"));
            throw new SecureCallException(FailureCode.UnknownChallenge, "Unknown or expired challenge.");
        }
        var grant = await GrainFactory.GetGrain<IUserGrain>(owner).RedeemLivenessGrantAsync(challengeId, grantId, signature);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (grant.SessionId is { } sid)
        {
            claims[ClaimNames.SessionId] = sid;
        }
        if (grant.Score is { } score)
        {
            claims[ClaimNames.Score] = score;
        }
        if (grant.FaceTemplateId is { } ftid)
        {
            claims[ClaimNames.FaceTemplate] = ftid;
        }
        var resumed = new AuditEvent(AuditEventType.LivenessResumed, owner, AuditSource.Current,
            $"grant {grant.GrantId} (session {grant.SessionId}), challenge {challengeId}, key {grant.KeyFingerprint}, expires {grant.ExpiresAt:O}");
        return await IssueAsync(owner, grant.Amr, resumed, claims, grant.ExpiresAt);
    }

    public async Task<AccessToken> CompletePasswordLoginAsync(string? userId, string password)
    {
        // A malformed name cannot exist; answer exactly like a wrong password so the reply reveals nothing.
        if (!UserIds.IsValid(userId))
        {
            throw new SecureCallException(FailureCode.InvalidCredentials, UserGrain.InvalidCredentialsMessage);
        }
        await GrainFactory.GetGrain<IUserGrain>(userId).VerifyPasswordAsync(password);
        return await IssueAsync(userId, [ClaimNames.Password]);
    }

    /// <summary>Issues a token; it is returned only once its audit record (after <paramref name="proof"/>, if given) is durable.</summary>
    private async Task<AccessToken> IssueAsync(string userId, string[] amr, AuditEvent? proof = null,
        IReadOnlyDictionary<string, object>? claims = null, DateTimeOffset? notAfter = null)
    {
        var token = tokens.Issue(userId, amr, claims, notAfter);
        var issued = new AuditEvent(AuditEventType.TokenIssued, userId, AuditSource.Current, $"jti {token.Jti}, amr {string.Join(',', amr)}");
        await audit.AppendAllAsync(proof is null ? [issued] : [proof, issued]);
        SecureCallMetrics.Logins.Add(1, new KeyValuePair<string, object?>("amr", amr[0]));
        return new AccessToken(token.Token, token.ExpiresIn);
    }
}
