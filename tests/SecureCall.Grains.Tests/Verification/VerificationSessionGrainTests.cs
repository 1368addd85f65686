using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>Session logic on constructed measurement sequences (scripted frame analysis, <see cref="ScriptedFaceClusterFixture"/>).</summary>
public sealed class VerificationSessionGrainTests(ScriptedFaceClusterFixture fixture) : IClassFixture<ScriptedFaceClusterFixture>
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Start_DrawsThreeToFiveDistinctChallengesWithNonces()
    {
        var status = await Session("draw").StartAsync("drawer", fixture.SignedIn("drawer"));

        var session = await Session("draw").GetAsync("drawer");
        Assert.Equal(VerificationState.Streaming, status.State);
        Assert.InRange(status.ChallengesTotal, 3, 5);
        Assert.NotNull(status.Current);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(status.Current.Nonce).Length);
        Assert.Contains(status.Current.Type, new[] { "gesture", "expression" });
        Assert.Equal(TimeSpan.FromMinutes(2), status.ExpiresAt - fixture.Time.GetUtcNow());
        Assert.Equal(status.Current.ChallengeId, session.Current!.ChallengeId);
    }

    [Fact]
    public async Task Session_LiveFaceAnsweringEveryChallenge_PassesWithSigLiveToken()
    {
        var status = await Session("live").StartAsync("live-user", fixture.SignedIn("live-user"));

        while (status.State == VerificationState.Streaming)
        {
            status = await PerformAsync("live", "live-user", status.Current!);
        }

        Assert.Equal(VerificationState.Passed, status.State);
        Assert.NotNull(status.Token);
        var validation = await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<TokenValidator>().ValidateAsync(status.Token);
        Assert.True(validation.IsValid);
        var jwt = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("live-user", jwt.Subject);
        Assert.Equal(["sig", "live"], jwt.GetPayloadValue<string[]>("amr"));
        Assert.Equal("live", jwt.GetPayloadValue<string>("sid"));
        Assert.InRange(jwt.GetPayloadValue<double>("score"), 0.7, 1.0);
    }

    [Fact]
    public async Task Session_StaticPhoto_NeverPassesAndEndsWithItsFirstFailedChallenge()
    {
        var status = await Session("photo").StartAsync("photo-user", fixture.SignedIn("photo-user"));
        var first = status.Current!;
        var still = FaceSequence.Rest() with { DepthSpread = 0.01f, Motion = 0, AntiSpoofReal = 0.3f, LivenessLive = 0.2f };

        for (var i = 0; i < 20; i++)
        {
            status = (await Session("photo").SubmitScriptedFrameAsync("photo-user", first.ChallengeId, first.Nonce, still)).Status;
        }
        Assert.Equal(VerificationState.Streaming, status.State);
        fixture.Time.Advance(TimeSpan.FromSeconds(21));
        status = (await Session("photo").SubmitScriptedFrameAsync("photo-user", first.ChallengeId, first.Nonce, still)).Status;

        Assert.Equal(VerificationState.Failed, status.State);
        Assert.Null(status.Token);
        Assert.Equal(0, status.ChallengesPassed);
        Assert.Equal($"challenge '{first.Instruction.ToLowerInvariant()}' was not met", status.Reason);
    }

    [Fact]
    public async Task Submit_OneOddEmbeddingIsForgiven_TwoInARowFailTheSession()
    {
        var current = (await Session("odd-face").StartAsync("odd-user", fixture.SignedIn("odd-user"))).Current!;
        var person = FaceSequence.Rest();
        var stranger = person with { Embedding = FaceSequence.OtherPerson };
        Task<FrameFeedback> Submit(FaceObservation frame) => Session("odd-face").SubmitScriptedFrameAsync("odd-user", current.ChallengeId, current.Nonce, frame);

        await Submit(person);
        var afterOdd = await Submit(stranger);
        await Submit(person);
        await Submit(stranger);
        var afterTwo = await Submit(stranger);

        Assert.Equal(VerificationState.Streaming, afterOdd.Status.State);
        Assert.Equal(VerificationState.Failed, afterTwo.Status.State);
        Assert.Equal("a different face appeared during the session", afterTwo.Status.Reason);
    }

    [Fact]
    public async Task Session_PastTwoMinutes_IsExpired()
    {
        var status = await Session("slow").StartAsync("slow-user", fixture.SignedIn("slow-user"));
        fixture.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        var feedback = await Session("slow").SubmitScriptedFrameAsync("slow-user", status.Current!.ChallengeId, status.Current.Nonce, FaceSequence.Rest());

        Assert.Equal(VerificationState.Expired, feedback.Status.State);
        Assert.Null(feedback.Status.Token);
    }

    [Fact]
    public async Task Submit_NonceOfAnEarlierChallenge_IsRejected()
    {
        var status = await Session("replay").StartAsync("replay-user", fixture.SignedIn("replay-user"));
        var first = status.Current!;
        status = await PerformAsync("replay", "replay-user", first);

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Session("replay").SubmitScriptedFrameAsync("replay-user", first.ChallengeId, first.Nonce, FaceSequence.Rest()));

        Assert.Equal(FailureCode.ChallengeAlreadyUsed, error.Code);
        Assert.Equal(VerificationState.Streaming, status.State);
    }

    [Fact]
    public async Task Submit_NonceOfAnotherSession_IsRejected()
    {
        var mine = await Session("mine").StartAsync("cross-user", fixture.SignedIn("cross-user"));
        var other = await Session("other").StartAsync("cross-user", fixture.SignedIn("cross-user"));

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Session("mine").SubmitScriptedFrameAsync("cross-user", other.Current!.ChallengeId, other.Current.Nonce, FaceSequence.Rest()));

        Assert.Equal(FailureCode.ChallengeAlreadyUsed, error.Code);
        Assert.Equal(VerificationState.Streaming, (await Session("mine").GetAsync("cross-user")).State);
        Assert.NotEqual(mine.Current!.Nonce, other.Current!.Nonce);
    }

    [Fact]
    public async Task Session_OfAnotherUser_IsNotVisible()
    {
        await Session("private").StartAsync("owner-user", fixture.SignedIn("owner-user"));

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Session("private").GetAsync("someone-else"));

        Assert.Equal(FailureCode.SessionNotFound, error.Code);
    }

    /// <summary>Performs the current challenge as a live person would: rest, move and hold, come back.</summary>
    private async Task<VerificationStatus> PerformAsync(string sessionId, string userId, VerificationChallenge challenge)
    {
        var frames = new FaceSequence().Resting(6).Add(4, f => ChallengeDetectorTests.Perform(challenge.Kind, f)).Resting(3).Frames;
        VerificationStatus status = null!;
        foreach (var frame in frames)
        {
            var feedback = await Session(sessionId).SubmitScriptedFrameAsync(userId, challenge.ChallengeId, challenge.Nonce, frame);
            status = feedback.Status;
            if (feedback.ChallengeResult is not null)
            {
                break;
            }
        }
        return status;
    }

    private IVerificationSessionGrain Session(string id) => Grains.GetGrain<IVerificationSessionGrain>(id);
}
