using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Tokens;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Identity;

/// <summary>
/// Issue 12, item 1: enrolling or replacing a face changes a user's security state, so the user grain needs the proof
/// the HTTP layer checked (the user's own valid signature-login token), not just the user id.
/// </summary>
public sealed class FaceEnrolmentProofTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    public static TheoryData<string> BadProofs => ["missing", "other user", "expired", "password only", "forged"];

    [Theory]
    [MemberData(nameof(BadProofs))]
    public async Task EnrolOrReplaceFace_WithoutAValidProof_IsRefusedAndChangesNothing(string proof)
    {
        var userId = $"enrol-{proof.Replace(' ', '-')}";
        var user = fixture.Client.GetGrain<IUserGrain>(userId);
        await user.CreatePasswordAccountAsync(null, "a long enough password");
        using var own = await SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, 3);
        using var other = await SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, 1);
        await user.EnrollFaceFromFramesAsync(fixture.SignedIn(userId), [own.Rest(), own.Rest()]);

        var error = await Assert.ThrowsAsync<SecureCallException>(() => user.EnrollFaceFromFramesAsync(Proof(proof, userId), [other.Rest(), other.Rest()]));

        Assert.Equal(FailureCode.InsufficientAssurance, error.Code);
        Assert.True((await user.MatchFaceFramesAsync([own.Rest()]))!.Match, "the enrolled face must still be the user's own");
        var enrolments = (await fixture.Audit.ReadAsync(0, 100_000)).Count(r => r.Subject == userId && r.Type == "FaceEnrolled");
        Assert.Equal(1, enrolments);
    }

    [Fact]
    public async Task SessionFaceEnrolment_WithAForgedSealOrWithoutLiveness_IsRefused()
    {
        var user = fixture.Client.GetGrain<IUserGrain>("enrol-session");
        await user.CreatePasswordAccountAsync(null, "a long enough password");
        var forged = new SealedFace("kek", new byte[60], new byte[4096 + 28], 1024);

        var noLive = await Assert.ThrowsAsync<SecureCallException>(() => user.EnrollSessionFaceAsync(fixture.SignedIn("enrol-session"), forged));
        var badSeal = await Assert.ThrowsAsync<SecureCallException>(() => user.EnrollSessionFaceAsync(fixture.SignedIn("enrol-session", "sig", "live"), forged));

        Assert.Equal(FailureCode.InsufficientAssurance, noLive.Code);
        Assert.Equal(FailureCode.InvalidInput, badSeal.Code);
        Assert.Equal(FailureCode.InvalidInput, (await Assert.ThrowsAsync<SecureCallException>(() => user.MatchSealedFaceAsync(forged))).Code);
    }

    private IdentityProof Proof(string kind, string userId) => kind switch
    {
        "missing" => new IdentityProof(""),
        "other user" => fixture.SignedIn("someone-else"),
        "expired" => new IdentityProof(IssuerAt(fixture.Time.GetUtcNow() - TimeSpan.FromHours(1)).Issue(userId, ["sig"]).Token),
        "password only" => fixture.SignedIn(userId, "pwd"),
        "forged" => new IdentityProof(Forge(fixture.SignedIn(userId).Token)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The cluster's own issuer and keys, on a clock an hour behind: its tokens have long expired.</summary>
    private TokenIssuer IssuerAt(DateTimeOffset when)
    {
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        return new TokenIssuer(services.GetRequiredService<SigningKeyRing>(), services.GetRequiredService<IOptions<TokenOptions>>(),
            new SecurityClock(new FakeTimeProvider(when)));
    }

    /// <summary>A valid token with one signature byte flipped.</summary>
    private static string Forge(string token)
    {
        var chars = token.ToCharArray();
        chars[^5] = chars[^5] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
