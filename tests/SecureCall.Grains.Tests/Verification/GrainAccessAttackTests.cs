using System.Reflection;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SkiaSharp;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// Issue 12, item 1: a caller with grain access (a plain Orleans client, as the hostile review used) cannot make a
/// session pass on measurements it invents. It can at most send frames, which the session has analysed by the real
/// models; no grain method takes measurements, embeddings or templates.
/// </summary>
public sealed class GrainAccessAttackTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly Type[] Measurements =
        [typeof(FaceObservation), typeof(FaceInferenceResult), typeof(float[]), typeof(IReadOnlyList<float>), typeof(IEnumerable<float>), typeof(List<float>)];

    [Fact]
    public void NoGrainMethod_TakesMeasurementsEmbeddingsOrTemplates()
    {
        var grainInterfaces = typeof(IVerificationSessionGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t)).ToList();

        var offending = grainInterfaces.SelectMany(t => t.GetMethods())
            .Where(m => m.GetParameters().Any(p => Measurements.Contains(p.ParameterType)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();

        Assert.NotEmpty(grainInterfaces);
        Assert.Empty(offending);
        Assert.Null(typeof(IVerificationSessionGrain).GetMethod("SubmitAsync"));
        Assert.DoesNotContain(typeof(Interfaces.Identity.IUserGrain).GetMethods(), m => m.Name is "EnrollFaceAsync" or "MatchFaceAsync");
    }

    [Fact]
    public async Task StartingASessionForAnotherUser_WithoutTheirSignatureToken_IsRefused()
    {
        var session = fixture.Client.GetGrain<IVerificationSessionGrain>("attack-start");

        var noToken = await Assert.ThrowsAsync<SecureCallException>(() => session.StartAsync("victim", new("")));
        var ownToken = await Assert.ThrowsAsync<SecureCallException>(() => session.StartAsync("victim", fixture.SignedIn("attacker")));
        var passwordOnly = await Assert.ThrowsAsync<SecureCallException>(() => session.StartAsync("victim", fixture.SignedIn("victim", "pwd")));

        Assert.All([noToken, ownToken, passwordOnly], e => Assert.Equal(FailureCode.InsufficientAssurance, e.Code));
        await Assert.ThrowsAsync<SecureCallException>(() => session.GetAsync("victim"));
    }

    [Fact]
    public async Task RandomAndBlankFrames_FromAGrainCaller_NeverPassASession()
    {
        var session = fixture.Client.GetGrain<IVerificationSessionGrain>("attack-frames");
        var status = await session.StartAsync("frame-forger", fixture.SignedIn("frame-forger"));
        var stream = await session.OpenFrameStreamAsync("frame-forger");
        var random = new Random(7);
        var blank = BlankJpeg();
        var answers = new List<FrameFeedback>();

        while (status.State == VerificationState.Streaming)
        {
            var challenge = status.Current!;
            for (var i = 0; i < 12 && status.Current?.ChallengeId == challenge.ChallengeId; i++)
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(70));
                var noise = new byte[4096];
                random.NextBytes(noise);
                var feedback = await session.SubmitFrameAsync("frame-forger", stream, new VerificationFrame(challenge.ChallengeId, challenge.Nonce, i % 2 == 0 ? noise : blank, i));
                answers.Add(feedback);
                status = feedback.Status;
            }
            // Nothing passed within the challenge's 20 s: reading the session fails it and moves on.
            fixture.Time.Advance(TimeSpan.FromSeconds(21));
            status = await session.GetAsync("frame-forger");
        }

        Assert.Equal(VerificationState.Failed, status.State);
        Assert.EndsWith("was not met", status.Reason);
        Assert.Equal(0, status.ChallengesPassed);
        Assert.Null(status.Token);
        Assert.Contains(answers, a => a.Problem?.StartsWith("BadFrame", StringComparison.Ordinal) == true);
        Assert.Contains(answers, a => a.Problem is null && a.Feedback.Contains("no face", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondFrameStream_WhileTheFirstIsActive_IsRefused_AndTakesOverOnceTheFirstIdles()
    {
        var session = await StartedAsync("two-streams", "two-streamer");
        var first = await session.OpenFrameStreamAsync("two-streamer");

        var refused = await Assert.ThrowsAsync<SecureCallException>(() => session.OpenFrameStreamAsync("two-streamer"));
        fixture.Time.Advance(TimeSpan.FromSeconds(11));
        var second = await session.OpenFrameStreamAsync("two-streamer");
        var stale = await Assert.ThrowsAsync<SecureCallException>(() =>
            session.SubmitFrameAsync("two-streamer", first, new VerificationFrame("x", "y", [1, 2, 3], 0)));

        Assert.Equal(FailureCode.FrameStreamBusy, refused.Code);
        Assert.NotEqual(first, second);
        Assert.Equal(FailureCode.FrameStreamBusy, stale.Code);
    }

    [Fact]
    public async Task FrameRate_IsCountedPerSession_NotPerStream()
    {
        var session = await StartedAsync("rate", "rate-user");
        var challenge = (await session.GetAsync("rate-user")).Current!;
        var frame = new VerificationFrame(challenge.ChallengeId, challenge.Nonce, [0xFF, 0xD8, 0xFF], 0);
        var first = await session.OpenFrameStreamAsync("rate-user");
        var answers = new List<FrameFeedback>();
        for (var i = 0; i < 16; i++)
        {
            answers.Add(await session.SubmitFrameAsync("rate-user", first, frame));
        }
        await session.CloseFrameStreamAsync("rate-user", first);

        var second = await session.OpenFrameStreamAsync("rate-user");
        var sameSecond = await session.SubmitFrameAsync("rate-user", second, frame);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = await session.SubmitFrameAsync("rate-user", second, frame);

        Assert.All(answers.Take(15), a => Assert.StartsWith("BadFrame", a.Problem));
        Assert.StartsWith("RateLimited", answers[15].Problem);
        Assert.StartsWith("RateLimited", sameSecond.Problem);
        Assert.StartsWith("BadFrame", nextSecond.Problem);
    }

    private async Task<IVerificationSessionGrain> StartedAsync(string sessionId, string userId)
    {
        var session = fixture.Client.GetGrain<IVerificationSessionGrain>(sessionId);
        await session.StartAsync(userId, fixture.SignedIn(userId));
        return session;
    }

    /// <summary>A grey 640×480 camera frame with nothing in it.</summary>
    private static byte[] BlankJpeg()
    {
        using var bitmap = new SKBitmap(640, 480);
        bitmap.Erase(new SKColor(128, 128, 128));
        using var image = SKImage.FromBitmap(bitmap);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return jpeg.ToArray();
    }
}
