using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>The default retry (one per challenge) on a cluster with default settings, on constructed measurement sequences.</summary>
public sealed class ChallengeRetryTests(ScriptedFaceClusterFixture fixture) : IClassFixture<ScriptedFaceClusterFixture>
{
    [Fact]
    public async Task FailedChallenge_IsReissuedOnceWithAFreshNonce_AndTheSessionPassesWhenTheRetryIsMet()
    {
        var status = await Session("retry-met").StartAsync("retry-user", fixture.SignedIn("retry-user"));
        var first = status.Current!;

        status = await LetRunOutAsync("retry-met", "retry-user", first);
        var again = status.Current!;
        var stale = await Assert.ThrowsAsync<SecureCallException>(() =>
            Session("retry-met").SubmitScriptedFrameAsync("retry-user", first.ChallengeId, first.Nonce, FaceSequence.Rest()));
        var shownAgain = (await ScriptedPerson.WaitForInstructionAsync(Session("retry-met"), "retry-user", again, fixture.Time)).Current!;
        while (status.State == VerificationState.Streaming)
        {
            status = await PerformAsync("retry-met", "retry-user", status.Current!);
        }

        // Both attempts hide what they ask until the pause is over; the retry then asks the same as the first.
        var started = (await fixture.Audit.ReadAsync(0, 100_000)).First(r => r.Detail.StartsWith("session retry-met: ", StringComparison.Ordinal));
        Assert.Equal(ChallengeKind.Hidden, first.Kind);
        Assert.Equal(ChallengeKind.Hidden, again.Kind);
        Assert.Equal(started.Detail.Split(": ")[1].Split(',')[0], shownAgain.Kind.ToString());
        Assert.NotEqual(first.ChallengeId, again.ChallengeId);
        Assert.NotEqual(first.Nonce, again.Nonce);
        Assert.Equal(FailureCode.ChallengeAlreadyUsed, stale.Code);
        Assert.True(status.State == VerificationState.Passed, status.Reason);
        Assert.NotNull(status.Token);
    }

    [Fact]
    public async Task ChallengeFailedOnItsRetryToo_FailsTheSessionNamingTheChallenge()
    {
        var status = await Session("retry-failed").StartAsync("retry-loser", fixture.SignedIn("retry-loser"));
        var first = status.Current!;

        status = await LetRunOutAsync("retry-failed", "retry-loser", first);
        Assert.Equal(VerificationState.Streaming, status.State);
        status = await LetRunOutAsync("retry-failed", "retry-loser", status.Current!);

        Assert.Equal(VerificationState.Failed, status.State);
        Assert.Matches("^challenge '[a-z ,]+' was not met$", status.Reason);
        Assert.Null(status.Token);
    }

    /// <summary>Sends a resting face until the challenge's time limit passes (on the fake clock).</summary>
    private async Task<VerificationStatus> LetRunOutAsync(string sessionId, string userId, VerificationChallenge challenge)
    {
        for (var i = 0; i < 5; i++)
        {
            await Session(sessionId).SubmitScriptedFrameAsync(userId, challenge.ChallengeId, challenge.Nonce, FaceSequence.Rest());
        }
        fixture.Time.Advance(TimeSpan.FromSeconds(21));
        return (await Session(sessionId).SubmitScriptedFrameAsync(userId, challenge.ChallengeId, challenge.Nonce, FaceSequence.Rest())).Status;
    }

    /// <summary>Waits for the instruction, then performs it as a live person would: rest, move and hold, come back.</summary>
    private Task<VerificationStatus> PerformAsync(string sessionId, string userId, VerificationChallenge challenge) =>
        ScriptedPerson.AnswerAsync(Session(sessionId), userId, challenge, fixture.Time);

    private IVerificationSessionGrain Session(string id) => fixture.Client.GetGrain<IVerificationSessionGrain>(id);
}
