namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// Stateless worker that completes logins: it routes the answer to the user's grain, then issues the token and
/// audits the success and the token in one write, so tokens are issued in the silo only, and none leaves before its
/// audit records are durable.
/// </summary>
public interface ILoginGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Answers a login challenge (its id names the user) with a signature over it; returns a token with
    /// <c>amr</c> [<see cref="ClaimNames.Signature"/>]. An id of no recognisable shape is refused and audited.
    /// </summary>
    Task<AccessToken> CompleteSignatureLoginAsync(string challengeId, byte[] signature);

    /// <summary>
    /// After a reload: redeems the user's liveness grant <paramref name="grantId"/> with a signature over a
    /// <see cref="ChallengePurpose.Resume"/> challenge (see <see cref="IUserGrain.RedeemLivenessGrantAsync"/>); returns a
    /// token with the grant's <c>amr</c>, <c>sid</c>, <c>score</c> and <c>ftid</c>, expiring when the grant does, never later.
    /// </summary>
    Task<AccessToken> ResumeLivenessAsync(string challengeId, string grantId, byte[] signature);

    /// <summary>Password login (seed contract); returns a token with <c>amr</c> [<see cref="ClaimNames.Password"/>].</summary>
    Task<AccessToken> CompletePasswordLoginAsync(string? userId, string password);
}
