using Microsoft.Extensions.DependencyInjection;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// A session whose frames' spoof cues and embeddings are never measured by a cue lane (held frames,
/// <see cref="ScriptedFaceAnalyzer.HeldFrame"/>), as on a silo with no spare time: the session measures them itself,
/// when too many are outstanding and at its decision, and none escapes the gates.
/// </summary>
public sealed class DeferredCueSessionTests(ScriptedFaceClusterFixture fixture) : IClassFixture<ScriptedFaceClusterFixture>
{
    /// <summary>Every silo's held cues so far (the tests of one class run one at a time).</summary>
    private List<DeferredCues> Held() => fixture.Cluster.Silos
        .SelectMany(silo => ((ScriptedFaceAnalyzer)silo.ServiceProvider.GetRequiredService<IFaceFrameAnalyzer>()).Held)
        .ToList();

    [Fact]
    public async Task Session_CuesNoLaneMeasured_AreMeasuredByTheDecision_AndItPasses()
    {
        var before = Held();
        var session = fixture.Client.GetGrain<IVerificationSessionGrain>("held-live");
        var status = await session.StartAsync("held-live-user", fixture.SignedIn("held-live-user"));

        while (status.State == VerificationState.Streaming)
        {
            status = await ScriptedPerson.AnswerAsync(session, "held-live-user", status.Current!, fixture.Time, held: true);
        }

        Assert.Equal(VerificationState.Passed, status.State);
        // Without the decision's join the spoof gate would have read no cues for the last frames, and failed closed on
        // none at all had the session not measured the oldest as it went.
        var held = Held().Except(before).ToList();
        Assert.True(held.Count >= 10, $"{held.Count} frames held");
        Assert.All(held, cues => Assert.True(cues.Result.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task Frames_NineCuesOutstanding_TheOldestIsMeasuredAtOnce_SoADifferentFaceStillEndsTheSession()
    {
        var held = fixture.Client.GetGrain<IVerificationSessionGrain>("held-stranger");
        var current = (await held.StartAsync("held-stranger-user", fixture.SignedIn("held-stranger-user"))).Current!;
        var person = FaceSequence.Rest();
        var stranger = person with { Embedding = FaceSequence.OtherPerson };
        Task<FrameFeedback> Submit(FaceObservation frame) => held.SubmitScriptedFrameAsync("held-stranger-user", current.ChallengeId, current.Nonce, frame, held: true);

        var states = new List<VerificationState> { (await Submit(person)).Status.State };
        for (var i = 0; i < 10; i++)
        {
            states.Add((await Submit(stranger)).Status.State);
        }

        // Eight may wait; the ninth frame's answer measures the first (the session's face), the tenth the first
        // stranger, the eleventh the second: two strangers in a row end the session there, not before.
        Assert.All(states.Take(10), state => Assert.Equal(VerificationState.Streaming, state));
        Assert.Equal(VerificationState.Failed, states[10]);
        Assert.Equal("a different face appeared during the session", (await held.GetAsync("held-stranger-user")).Reason);
    }

    [Fact]
    public async Task Frames_CuesMeasuredWithTheFrame_ADifferentFaceEndsTheSessionAtItsSecondFrame()
    {
        var session = fixture.Client.GetGrain<IVerificationSessionGrain>("measured-stranger");
        var current = (await session.StartAsync("measured-stranger-user", fixture.SignedIn("measured-stranger-user"))).Current!;
        var person = FaceSequence.Rest();
        var stranger = person with { Embedding = FaceSequence.OtherPerson };
        Task<FrameFeedback> Submit(FaceObservation frame) => session.SubmitScriptedFrameAsync("measured-stranger-user", current.ChallengeId, current.Nonce, frame);

        await Submit(person);
        var first = await Submit(stranger);
        var second = await Submit(stranger);

        Assert.Equal(VerificationState.Streaming, first.Status.State);
        Assert.Equal(VerificationState.Failed, second.Status.State);
    }
}
