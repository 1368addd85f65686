using System.Diagnostics;
using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Shutdown;

/// <summary>Several users' sessions streaming into a host, and the SIGTERM sent while every one of them is live.</summary>
public static class LiveSessions
{
    /// <summary>Frames each session's host must have analysed before the SIGTERM: the models and the cue lane are at work.</summary>
    private const int FramesAnalysedEach = 5;

    /// <summary>
    /// Host settings for test users who all come from 127.0.0.1 and start session after session: the per-address and
    /// per-user limits lifted, and only the challenges <see cref="PerformedFrames"/> answer.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["SecureCall:Api:SignatureRequestsPerMinutePerIp"] = "100000",
        ["SecureCall:Challenges:ChallengesPerMinutePerUser"] = "100000",
        ["SecureCall:Verification:SessionsPerMinutePerUser"] = "1000",
        ["SecureCall:Verification:MaxOpenSessionsPerUser"] = "4",
        ["SecureCall:Verification:AllowedChallenges"] = PerformedFrames.AllowedChallenges,
        ["SecureCall:Verification:MinChallenges"] = "2",
        ["SecureCall:Verification:MaxChallenges"] = "2",
    };

    /// <summary>
    /// Waits (polling, bounded) until every user's session is live and the host has analysed frames of each, then sends
    /// <paramref name="host"/> SIGTERM; users start no new session from then on, while the open ones stream on.
    /// Returns a clock started at the signal.
    /// </summary>
    public static async Task<Stopwatch> TerminateWhileLiveAsync(DotnetProcess host, IReadOnlyList<VerifyingUser> users)
    {
        var baseline = users.ToDictionary(u => u, u => u.FramesAnalysed);
        var signalled = new Stopwatch();
        var atSignal = "";
        bool Ready() => users.All(u => u.IsLive && u.FramesAnalysed - baseline[u] >= FramesAnalysedEach);
        try
        {
            await host.WaitUntilAsync(() =>
            {
                if (!Ready())
                {
                    return Task.FromResult(false);
                }
                // No user starts a session from here on (a request racing the stop proves nothing); if a session was
                // decided in the meantime, try again.
                foreach (var user in users)
                {
                    user.StopStartingSessions();
                }
                if (Ready())
                {
                    atSignal = string.Join("\n", users.Select(u => u.Describe()));
                    host.Terminate();
                    signalled.Start();
                    return Task.FromResult(true);
                }
                foreach (var user in users)
                {
                    user.ResumeStartingSessions();
                }
                return Task.FromResult(false);
            }, TimeSpan.FromSeconds(180), $"analyse {FramesAnalysedEach} frames of every user's live session");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{string.Join("\n", users.Select(u => u.Describe()))}\n{timeout.Message}", timeout);
        }
        TestContext.Current.TestOutputHelper!.WriteLine($"SIGTERM to {host.Name} (pid {host.Id}) with\n{atSignal}");
        return signalled;
    }
}
