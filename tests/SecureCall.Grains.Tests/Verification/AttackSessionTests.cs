using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// Whole sessions with the real models, default settings (3 challenges from the default pool, one retry each), a
/// camera at 15 frames/s on the fake clock: every attack class of issue 13 is rejected, the rendered 3-D head (the
/// genuine stand-in) passes. Attackers answer what is shown, and keep trying until the reaction window is over. The
/// verify benchmark runs the same classes over many sessions and reports APCER and BPCER.
/// </summary>
public sealed class AttackSessionTests(PerformableClusterFixture fixture, ITestOutputHelper output) : IClassFixture<PerformableClusterFixture>
{
    private const int Person = 3;
    private const int OtherPerson = 1;

    public static TheoryData<string> Attacks => new(AttackSet.Names);

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Attack_IsRejected(string attack)
    {
        using var print = await PrintOfAsync(Person);
        using var photo = await SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, Person);
        using var recording = await RenderedHead.LoadAsync(fixture.Client, RepositoryPaths.Root, Person);
        using var other = await RenderedHead.LoadAsync(fixture.Client, RepositoryPaths.Root, OtherPerson);
        var camera = AttackSet.Build(attack, print, photo, recording, other, seed: attack.Length);

        var status = await RunAsync($"attack-{AttackSet.Names.ToList().IndexOf(attack)}", camera);

        output.WriteLine($"{attack}: {status.State}, {status.ChallengesPassed} of {status.ChallengesTotal} challenges, {status.Reason}");
        Assert.NotEqual(VerificationState.Passed, status.State);
        Assert.Null(status.Token);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RenderedHead_Passes(int run)
    {
        using var head = await RenderedHead.LoadAsync(fixture.Client, RepositoryPaths.Root, Person);

        var status = await RunAsync($"genuine-{run}", AttackSet.Genuine(head));

        output.WriteLine($"genuine: {status.State}, {status.Reason}");
        Assert.True(status.State == VerificationState.Passed, status.Reason);
    }

    /// <summary>Runs one session with <paramref name="camera"/>: rest while the instruction is hidden, answer (again and again) once shown.</summary>
    private async Task<VerificationStatus> RunAsync(string sessionId, PresentationAttack camera)
    {
        var userId = $"{sessionId}-user";
        var session = fixture.Client.GetGrain<IVerificationSessionGrain>(sessionId);
        var status = await session.StartAsync(userId, fixture.SignedIn(userId));
        var feeder = new SessionFrameFeeder(fixture.Client, sessionId, userId);
        for (var index = 0; status.State == VerificationState.Streaming; index++)
        {
            var challenge = status.Current!;
            for (var i = 0; i < 90 && status.Current is { Kind: ChallengeKind.Hidden } waiting && waiting.ChallengeId == challenge.ChallengeId; i++)
            {
                status = await FeedAsync(session, userId, feeder, camera.Rest(index), challenge);
            }
            if (status.Current is not { Kind: not ChallengeKind.Hidden } shown || shown.ChallengeId != challenge.ChallengeId)
            {
                continue;
            }
            var deadline = fixture.Time.GetUtcNow() + TimeSpan.FromSeconds(10);
            while (status.State == VerificationState.Streaming && status.Current?.ChallengeId == shown.ChallengeId && fixture.Time.GetUtcNow() < deadline)
            {
                foreach (var frame in camera.Answer(index, shown.Kind))
                {
                    status = await FeedAsync(session, userId, feeder, frame, shown);
                    if (status.Current?.ChallengeId != shown.ChallengeId)
                    {
                        break;
                    }
                }
            }
        }
        return status;
    }

    private async Task<VerificationStatus> FeedAsync(IVerificationSessionGrain session, string userId, SessionFrameFeeder feeder, byte[] frame, VerificationChallenge challenge)
    {
        fixture.Time.Advance(TimeSpan.FromMilliseconds(1000 / RenderedHead.FramesPerSecond));
        var outcome = await feeder.FeedAsync(frame, fixture.Time.GetUtcNow().ToUnixTimeMilliseconds(), challenge.ChallengeId, challenge.Nonce);
        return outcome.Feedback?.Status ?? await session.GetAsync(userId);
    }

    private async Task<PrintAttackFrames> PrintOfAsync(int sample)
    {
        var photo = await File.ReadAllBytesAsync(SampleFaceFrames.PhotoPath(RepositoryPaths.Root, sample));
        var located = await fixture.Client.GetGrain<IFaceInferenceGrain>(0).AnalyzeAsync(new FaceInferenceRequest(photo, 0, false, false, null));
        return new PrintAttackFrames(photo, located.Mesh!, seed: sample);
    }
}
