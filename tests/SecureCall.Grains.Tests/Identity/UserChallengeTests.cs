using SecureCall.Grains.Identity;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Identity;

public sealed class UserChallengeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task RegisterThenAuthenticate_WithDeviceKey_ReturnsUser()
    {
        using var keys = new TestKeys();
        var registered = await IdentityFlow.RegisterAsync(Grains, "reg-auth", keys);

        var challenge = await Grains.GetGrain<IUserGrain>("reg-auth").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var userId = await Grains.GetGrain<IUserGrain>(ChallengeOwner(challenge))
            .CompleteAuthenticationAsync(challenge.ChallengeId, IdentityFlow.SignAuthentication("reg-auth", keys, challenge));

        Assert.Equal("reg-auth", userId);
        var stored = await Grains.GetGrain<IUserGrain>("reg-auth").GetKeysAsync();
        Assert.Equal(registered.SigningKeyFingerprint, stored!.SigningKey.Fingerprint);
        Assert.Equal(keys.AgreementSpki, stored.AgreementKey.Spki);
    }

    [Fact]
    public async Task IssueChallenge_NonceIs32RandomBytesAndExpiresInFiveMinutes()
    {
        var first = await Grains.GetGrain<IUserGrain>("nonce-shape").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var second = await Grains.GetGrain<IUserGrain>("nonce-shape").IssueChallengeAsync(ChallengePurpose.Authenticate);

        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(first.Nonce).Length);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.ChallengeId, second.ChallengeId);
        Assert.Equal(TimeSpan.FromMinutes(5), first.ExpiresAt - fixture.Time.GetUtcNow());
    }

    [Fact]
    public async Task Respond_ReplayedChallenge_IsRejectedAndAudited()
    {
        using var keys = new TestKeys();
        await IdentityFlow.RegisterAsync(Grains, "replay", keys);
        var challenge = await Grains.GetGrain<IUserGrain>("replay").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var signature = IdentityFlow.SignAuthentication("replay", keys, challenge);
        await Grains.GetGrain<IUserGrain>(ChallengeOwner(challenge)).CompleteAuthenticationAsync(challenge.ChallengeId, signature);

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Grains.GetGrain<IUserGrain>(ChallengeOwner(challenge)).CompleteAuthenticationAsync(challenge.ChallengeId, signature));

        Assert.Equal(FailureCode.ChallengeAlreadyUsed, error.Code);
        await AssertAuditedAsync(AuditEventType.NonceMisuse, "replay", "replayed");
    }

    [Fact]
    public async Task Respond_AfterNonceExpiry_IsRejected()
    {
        using var keys = new TestKeys();
        await IdentityFlow.RegisterAsync(Grains, "expiry", keys);
        var challenge = await Grains.GetGrain<IUserGrain>("expiry").IssueChallengeAsync(ChallengePurpose.Authenticate);
        fixture.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>(ChallengeOwner(challenge))
            .CompleteAuthenticationAsync(challenge.ChallengeId, IdentityFlow.SignAuthentication("expiry", keys, challenge)));

        Assert.Equal(FailureCode.ChallengeExpired, error.Code);
        await AssertAuditedAsync(AuditEventType.NonceMisuse, "expiry", "expired");
    }

    [Fact]
    public async Task Register_WithAuthenticationChallenge_IsRejectedAsCrossPurpose()
    {
        using var keys = new TestKeys();
        var challenge = await Grains.GetGrain<IUserGrain>("cross-purpose").IssueChallengeAsync(ChallengePurpose.Authenticate);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>("cross-purpose")
            .CompleteRegistrationAsync(IdentityFlow.Registration("cross-purpose", keys, challenge)));

        Assert.Equal(FailureCode.ChallengePurposeMismatch, error.Code);
        Assert.Null(await Grains.GetGrain<IUserGrain>("cross-purpose").GetKeysAsync());
    }

    [Fact]
    public async Task Authenticate_WithRegistrationChallenge_IsRejectedAsCrossPurpose()
    {
        using var keys = new TestKeys();
        var challenge = await Grains.GetGrain<IUserGrain>("cross-purpose-2").IssueChallengeAsync(ChallengePurpose.Register);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>(ChallengeOwner(challenge))
            .CompleteAuthenticationAsync(challenge.ChallengeId, IdentityFlow.SignAuthentication("cross-purpose-2", keys, challenge)));

        Assert.Equal(FailureCode.ChallengePurposeMismatch, error.Code);
    }

    [Fact]
    public async Task Register_WithChallengeIssuedToAnotherUser_IsRejected()
    {
        using var keys = new TestKeys();
        var challenge = await Grains.GetGrain<IUserGrain>("victim").IssueChallengeAsync(ChallengePurpose.Register);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>("attacker")
            .CompleteRegistrationAsync(IdentityFlow.Registration("attacker", keys, challenge)));

        Assert.Equal(FailureCode.ChallengeUserMismatch, error.Code);
        Assert.Null(await Grains.GetGrain<IUserGrain>("attacker").GetKeysAsync());
        Assert.Null(await Grains.GetGrain<IUserGrain>("victim").GetKeysAsync());
    }

    [Fact]
    public async Task Authenticate_SignedByAnotherUsersKey_IsRejected()
    {
        using var alice = new TestKeys();
        using var mallory = new TestKeys();
        await IdentityFlow.RegisterAsync(Grains, "alice-x", alice);
        await IdentityFlow.RegisterAsync(Grains, "mallory-x", mallory);
        var challenge = await Grains.GetGrain<IUserGrain>("alice-x").IssueChallengeAsync(ChallengePurpose.Authenticate);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>(ChallengeOwner(challenge))
            .CompleteAuthenticationAsync(challenge.ChallengeId, IdentityFlow.SignAuthentication("alice-x", mallory, challenge)));

        Assert.Equal(FailureCode.BadSignature, error.Code);
        await AssertAuditedAsync(AuditEventType.SignatureFailed, "alice-x", "authentication");
    }

    [Fact]
    public async Task Register_SignatureOverOtherUserId_IsRejectedAndStoresNothing()
    {
        using var keys = new TestKeys();
        var challenge = await Grains.GetGrain<IUserGrain>("sig-mismatch").IssueChallengeAsync(ChallengePurpose.Register);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>("sig-mismatch")
            .CompleteRegistrationAsync(IdentityFlow.Registration("sig-mismatch", keys, challenge, signFor: "someone-else")));

        Assert.Equal(FailureCode.BadSignature, error.Code);
        Assert.Null(await Grains.GetGrain<IUserGrain>("sig-mismatch").GetKeysAsync());
    }

    [Fact]
    public async Task Register_SecondDeviceKey_IsConflictAndKeepsFirstKey()
    {
        using var first = new TestKeys();
        using var second = new TestKeys();
        var registered = await IdentityFlow.RegisterAsync(Grains, "twice", first);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => IdentityFlow.RegisterAsync(Grains, "twice", second));

        Assert.Equal(FailureCode.AlreadyRegistered, error.Code);
        Assert.Equal(registered.SigningKeyFingerprint, (await Grains.GetGrain<IUserGrain>("twice").GetKeysAsync())!.SigningKey.Fingerprint);
    }

    [Fact]
    public async Task Respond_UnknownChallenge_IsRejected()
    {
        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Grains.GetGrain<IUserGrain>("nobody-asked").CompleteAuthenticationAsync("nobody-asked:no-such-challenge", new byte[64]));

        Assert.Equal(FailureCode.UnknownChallenge, error.Code);
    }

    [Fact]
    public async Task Authenticate_ChallengeIdEditedToNameAnotherUser_IsUnknown()
    {
        using var keys = new TestKeys();
        await IdentityFlow.RegisterAsync(Grains, "edited-a", keys);
        await IdentityFlow.RegisterAsync(Grains, "edited-b", keys);
        var challenge = await Grains.GetGrain<IUserGrain>("edited-a").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var edited = challenge with { ChallengeId = "edited-b" + challenge.ChallengeId["edited-a".Length..] };

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>("edited-b")
            .CompleteAuthenticationAsync(edited.ChallengeId, IdentityFlow.SignAuthentication("edited-b", keys, edited)));

        Assert.Equal(FailureCode.UnknownChallenge, error.Code);
        Assert.Equal("edited-a", await Grains.GetGrain<IUserGrain>("edited-a")
            .CompleteAuthenticationAsync(challenge.ChallengeId, IdentityFlow.SignAuthentication("edited-a", keys, challenge)));
    }

    [Fact]
    public async Task Authenticate_AtAnotherUsersGrain_IsRejectedAndBurnsTheChallenge()
    {
        using var keys = new TestKeys();
        await IdentityFlow.RegisterAsync(Grains, "owner-a", keys);
        await IdentityFlow.RegisterAsync(Grains, "thief-b", keys);
        var challenge = await Grains.GetGrain<IUserGrain>("owner-a").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var signature = IdentityFlow.SignAuthentication("owner-a", keys, challenge);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>("thief-b").CompleteAuthenticationAsync(challenge.ChallengeId, signature));

        Assert.Equal(FailureCode.ChallengeUserMismatch, error.Code);
        var retry = await Assert.ThrowsAsync<SecureCallException>(() => Grains.GetGrain<IUserGrain>("owner-a").CompleteAuthenticationAsync(challenge.ChallengeId, signature));
        Assert.Equal(FailureCode.ChallengeAlreadyUsed, retry.Code);
        await AssertAuditedAsync(AuditEventType.NonceMisuse, "owner-a", "challenge used for user thief-b");
    }

    [Fact]
    public async Task Respond_ConcurrentlyTwiceWithSameNonce_ExactlyOneWins()
    {
        using var keys = new TestKeys();
        await IdentityFlow.RegisterAsync(Grains, "double", keys);
        var challenge = await Grains.GetGrain<IUserGrain>("double").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var signature = IdentityFlow.SignAuthentication("double", keys, challenge);

        var attempts = Enumerable.Range(0, 8)
            .Select(_ => Grains.GetGrain<IUserGrain>(ChallengeOwner(challenge)).CompleteAuthenticationAsync(challenge.ChallengeId, signature))
            .Select(async attempt => { try { await attempt; return true; } catch (SecureCallException) { return false; } })
            .ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
    }

    [Fact]
    public async Task IssueChallenge_OverPerUserRate_IsRateLimited()
    {
        var user = Grains.GetGrain<IUserGrain>("greedy");
        for (var i = 0; i < Options.ChallengeOptions.DefaultChallengesPerMinutePerUser; i++)
        {
            await user.IssueChallengeAsync(ChallengePurpose.Authenticate);
        }

        var error = await Assert.ThrowsAsync<SecureCallException>(() => user.IssueChallengeAsync(ChallengePurpose.Authenticate));

        Assert.Equal(FailureCode.RateLimited, error.Code);
    }

    private static string ChallengeOwner(IssuedChallenge challenge) =>
        ChallengeIds.TryGetUserId(challenge.ChallengeId, out var owner) ? owner : throw new InvalidOperationException("Not a challenge id.");

    private async Task AssertAuditedAsync(AuditEventType type, string subject, string detailFragment)
    {
        var records = await fixture.Audit.ReadAsync(0, 10_000);
        Assert.Contains(records, r => r.Type == type.ToString() && r.Subject == subject && r.Detail.Contains(detailFragment, StringComparison.Ordinal));
    }
}
