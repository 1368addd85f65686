using Microsoft.IdentityModel.JsonWebTokens;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Crypto;

namespace SecureCall.Grains.Tests.Identity;

/// <summary>
/// Redeeming a live token's assurance after a reload (docs/verification.md): only a fresh signature by the registered
/// device key over a fresh resume challenge redeems it, once per challenge, for the same amr and never past the
/// original expiry; sign-out revokes it.
/// </summary>
public sealed class LivenessGrantTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly string[] LiveFace = [ClaimNames.Signature, ClaimNames.Liveness, ClaimNames.Face];
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Resume_SignedByTheDeviceKey_GivesTheSameAmrAndTheOriginalExpiry_NeverLater()
    {
        using var keys = new TestKeys();
        var (live, grantId) = await LiveAsync("grant-ok", keys);
        fixture.Time.Advance(TimeSpan.FromMinutes(6));

        var resumed = await ResumeAsync("grant-ok", keys, grantId);

        var original = new JsonWebToken(live.Token);
        var token = new JsonWebToken(resumed.Token);
        Assert.Equal("grant-ok", token.Subject);
        Assert.Equal(LiveFace, token.GetPayloadValue<string[]>(ClaimNames.AuthenticationMethods));
        Assert.Equal(original.ValidTo, token.ValidTo);
        Assert.NotEqual(original.Id, token.Id);
        Assert.InRange(resumed.ExpiresIn, 8 * 60, 9 * 60);
        var records = await fixture.Audit.ReadAsync(0, 10_000);
        Assert.Contains(records, r => r.Type == nameof(AuditEventType.LivenessResumed) && r.Subject == "grant-ok" && r.Detail.Contains(grantId, StringComparison.Ordinal));
        Assert.Contains(records, r => r.Type == nameof(AuditEventType.TokenIssued) && r.Detail.Contains(token.Id, StringComparison.Ordinal));

        // A second reload redeems the same grant again, still with the original expiry.
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(original.ValidTo, new JsonWebToken((await ResumeAsync("grant-ok", keys, grantId)).Token).ValidTo);
    }

    [Fact]
    public async Task Resume_SignedByAnotherKey_IsRefusedAsBadSignatureAndAudited()
    {
        using var keys = new TestKeys();
        using var mallory = new TestKeys();
        var (_, grantId) = await LiveAsync("grant-thief", keys);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => ResumeAsync("grant-thief", mallory, grantId));

        Assert.Equal(FailureCode.BadSignature, error.Code);
        var records = await fixture.Audit.ReadAsync(0, 10_000);
        Assert.Contains(records, r => r.Type == nameof(AuditEventType.SignatureFailed) && r.Subject == "grant-thief" && r.Detail.Contains("resume", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resume_AfterTheLiveTokenExpired_IsRefused()
    {
        using var keys = new TestKeys();
        var (_, grantId) = await LiveAsync("grant-expired", keys);
        fixture.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SecureCallException>(() => ResumeAsync("grant-expired", keys, grantId));

        Assert.Equal(FailureCode.InsufficientAssurance, error.Code);
    }

    [Fact]
    public async Task Resume_ReplayedChallenge_IsRefused()
    {
        using var keys = new TestKeys();
        var (_, grantId) = await LiveAsync("grant-replay", keys);
        var challenge = await User("grant-replay").IssueChallengeAsync(ChallengePurpose.Resume);
        var signature = keys.Sign(CanonicalMessage.Resume("grant-replay", challenge.ChallengeId, challenge.Nonce, grantId));
        await Login.ResumeLivenessAsync(challenge.ChallengeId, grantId, signature);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Login.ResumeLivenessAsync(challenge.ChallengeId, grantId, signature));

        Assert.Equal(FailureCode.ChallengeAlreadyUsed, error.Code);
    }

    [Fact]
    public async Task Resume_WithASignInChallenge_IsRefusedAsCrossPurpose()
    {
        using var keys = new TestKeys();
        var (_, grantId) = await LiveAsync("grant-purpose", keys);
        var challenge = await User("grant-purpose").IssueChallengeAsync(ChallengePurpose.Authenticate);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Login.ResumeLivenessAsync(challenge.ChallengeId, grantId,
            keys.Sign(CanonicalMessage.Resume("grant-purpose", challenge.ChallengeId, challenge.Nonce, grantId))));

        Assert.Equal(FailureCode.ChallengePurposeMismatch, error.Code);
    }

    [Fact]
    public async Task Resume_AfterSignOut_OrOfAGrantNeverIssued_IsRefused()
    {
        using var keys = new TestKeys();
        var (_, grantId) = await LiveAsync("grant-signout", keys);

        Assert.Equal(1, await User("grant-signout").RevokeLivenessGrantsAsync(fixture.SignedIn("grant-signout")));

        var revoked = await Assert.ThrowsAsync<SecureCallException>(() => ResumeAsync("grant-signout", keys, grantId));
        var unknown = await Assert.ThrowsAsync<SecureCallException>(() => ResumeAsync("grant-signout", keys, "never-issued"));
        Assert.Equal(FailureCode.InsufficientAssurance, revoked.Code);
        Assert.Equal(FailureCode.InsufficientAssurance, unknown.Code);
        var records = await fixture.Audit.ReadAsync(0, 10_000);
        Assert.Contains(records, r => r.Type == nameof(AuditEventType.LivenessGrantsRevoked) && r.Subject == "grant-signout");
    }

    [Fact]
    public async Task Record_FromASignatureOnlyToken_OrAnotherUsersToken_IsRefused()
    {
        using var keys = new TestKeys();
        await IdentityFlow.RegisterAsync(Grains, "grant-forge", keys);

        var sigOnly = await Assert.ThrowsAsync<SecureCallException>(() => User("grant-forge").RecordLivenessGrantAsync(fixture.SignedIn("grant-forge")));
        var otherUser = await Assert.ThrowsAsync<SecureCallException>(() => User("grant-forge").RecordLivenessGrantAsync(fixture.SignedIn("someone-else", LiveFace)));

        Assert.Equal(FailureCode.InsufficientAssurance, sigOnly.Code);
        Assert.Equal(FailureCode.InsufficientAssurance, otherUser.Code);
    }

    private async Task<(IdentityProof Live, string GrantId)> LiveAsync(string userId, TestKeys keys)
    {
        await IdentityFlow.RegisterAsync(Grains, userId, keys);
        var live = fixture.SignedIn(userId, LiveFace);
        await User(userId).RecordLivenessGrantAsync(live);
        return (live, new JsonWebToken(live.Token).Id);
    }

    private async Task<AccessToken> ResumeAsync(string userId, TestKeys signer, string grantId)
    {
        var challenge = await User(userId).IssueChallengeAsync(ChallengePurpose.Resume);
        return await Login.ResumeLivenessAsync(challenge.ChallengeId, grantId,
            signer.Sign(CanonicalMessage.Resume(userId, challenge.ChallengeId, challenge.Nonce, grantId)));
    }

    private IUserGrain User(string userId) => Grains.GetGrain<IUserGrain>(userId);

    private ILoginGrain Login => Grains.GetGrain<ILoginGrain>(0);
}
