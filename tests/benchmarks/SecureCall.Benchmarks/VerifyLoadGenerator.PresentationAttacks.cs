using System.Diagnostics;
using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Inference;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Security.Tokens;
using SecureCall.Tests.Shared;

namespace SecureCall.Benchmarks;

/// <summary>
/// (3) Presentation-attack evaluation in the style of ISO/IEC 30107-3: whole sessions over the SignalR stream at up to
/// 15 frames/s, real time, the server's default challenge pool (3 challenges a session). Every attack class of
/// issue 13 runs <see cref="VerifyLoadOptions.AttackSessions"/> sessions (APCER: share of attack sessions accepted),
/// the rendered 3-D head <see cref="VerifyLoadOptions.GenuineSessions"/> sessions (BPCER: share of genuine sessions
/// rejected). Attackers rest while the instruction is hidden and answer what is shown, again and again, until the
/// reaction window is over.
/// </summary>
public static partial class VerifyLoadGenerator
{
    private const int Person = 3, OtherPerson = 1;

    private static async Task PresentationAttacksAsync(Uri server, TokenIssuer issuer, string run, VerifyLoadOptions options)
    {
        if (options.Classes?.FirstOrDefault(name => !AttackSet.Names.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"--classes: no attack class '{unknown}' (there are: {string.Join(", ", AttackSet.Names)}).");
        }
        var modelOptions = new FaceAnalysisOptions { ModelDirectory = Path.Combine(RepositoryRoot.Path, "models", "out") };
        var photo = File.ReadAllBytes(SampleFaceFrames.PhotoPath(RepositoryRoot.Path, Person));
        var otherPhoto = File.ReadAllBytes(SampleFaceFrames.PhotoPath(RepositoryRoot.Path, OtherPerson));
        float[] mesh, otherMesh;
        using (var models = new FaceModels(modelOptions))
        {
            var analyzer = new FaceAnalyzer(models, modelOptions);
            mesh = analyzer.Analyze(photo, new AnalysisRequest()).Face!.Mesh.Values;
            otherMesh = analyzer.Analyze(otherPhoto, new AnalysisRequest()).Face!.Mesh.Values;
        }
        var triangles = FaceMeshTriangulation.Load(RepositoryRoot.Path);

        Console.WriteLine($"presentation attacks: {options.AttackSessions} sessions per attack class, {options.GenuineSessions} genuine sessions, 3 challenges each");
        var rows = new List<(string Name, int Sessions, int Accepted, int ChallengesMet, int ChallengesJudged, Dictionary<string, int> Reasons)>();
        if (options.GenuineSessions > 0)
        {
            using var head = new RenderedHead(photo, mesh, triangles, seed: 11);
            rows.Add(await EvaluateAsync(server, issuer, $"g{run}", AttackSet.Genuine(head), options.GenuineSessions, concurrency: 1));
        }
        foreach (var name in AttackSet.Names.Where(name => options.AttackSessions > 0 && options.RunsClass(name)))
        {
            using var print = new PrintAttackFrames(photo, mesh, seed: name.Length);
            using var edited = new SampleFaceFrames(photo, mesh, seed: name.Length);
            using var recording = new RenderedHead(photo, mesh, triangles, seed: name.Length);
            using var other = new RenderedHead(otherPhoto, otherMesh, triangles, seed: name.Length + 1);
            var camera = AttackSet.Build(name, print, edited, recording, other, seed: name.Length);
            rows.Add(await EvaluateAsync(server, issuer, $"a{run}{AttackSet.Names.ToList().IndexOf(name)}", camera, options.AttackSessions, concurrency: 2));
        }

        Console.WriteLine();
        Console.WriteLine($"  {"class",-38} {"sessions",8} {"accepted",8} {"rate",13} {"challenges met",15}   how the rejected sessions ended");
        foreach (var (name, sessions, accepted, met, judged, reasons) in rows)
        {
            var genuine = name.StartsWith("genuine", StringComparison.Ordinal);
            var rate = genuine ? (sessions - accepted) * 100.0 / Math.Max(1, sessions) : accepted * 100.0 / Math.Max(1, sessions);
            var label = genuine ? "BPCER" : "APCER";
            var ends = string.Join("; ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Value}× {r.Key}"));
            Console.WriteLine($"  {name,-38} {sessions,8} {accepted,8} {label} {rate,5:F1} % {$"{met}/{judged}",15}   {ends}");
        }
    }

    /// <summary>
    /// Runs <paramref name="sessions"/> sessions with <paramref name="camera"/>, <paramref name="concurrency"/> at a time;
    /// counts the sessions accepted and the challenges met out of those judged (a session ends at its first failed one, or
    /// at a failed gate, which judges no challenge).
    /// Its frames are made once up front (as a recording would be): rendering them while streaming would stall the
    /// stream for seconds, which the session rightly takes for a gap.
    /// </summary>
    private static async Task<(string, int, int, int, int, Dictionary<string, int>)> EvaluateAsync(
        Uri server, TokenIssuer issuer, string prefix, PresentationAttack live, int sessions, int concurrency)
    {
        var camera = Recorded(live);
        var (accepted, met, judged) = (0, 0, 0);
        var reasons = new Dictionary<string, int>();
        var started = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var status = await RunCameraAsync(server, issuer, $"{prefix}-{i}", camera);
                lock (reasons)
                {
                    accepted += status.State == VerificationState.Passed ? 1 : 0;
                    met += status.ChallengesPassed;
                    // A challenge failed only when the session ended at one (its failed attempts are counted); a session
                    // ended by a gate (a different face, a screen) judged only the challenges it met.
                    judged += status.ChallengesPassed + (status.State != VerificationState.Passed && status.ConsecutiveFailures > 0 ? 1 : 0);
                    var reason = status.State == VerificationState.Passed ? "passed" : $"{status.State}: {status.Reason}";
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        Console.WriteLine($"  {camera.Name}: {accepted}/{sessions} accepted ({Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s)");
        return (camera.Name, sessions, accepted, met, judged, reasons);
    }

    /// <summary>The camera's frames made in advance: 30 resting frames and every answer, for the first challenge and for the others.</summary>
    private static PresentationAttack Recorded(PresentationAttack camera)
    {
        var rest = new[] { 0, 1 }.Select(index => Enumerable.Range(0, 30).Select(_ => camera.Rest(index)).ToArray()).ToArray();
        var answers = new[] { 0, 1 }.Select(index => Issuable.ToDictionary(kind => kind, kind => camera.Answer(index, kind))).ToArray();
        var next = 0;
        return new PresentationAttack(camera.Name,
            index => rest[Math.Min(index, 1)][Interlocked.Increment(ref next) % 30],
            (index, kind) => answers[Math.Min(index, 1)][kind]);
    }

    /// <summary>One session with <paramref name="camera"/>: rest while the instruction is hidden, answer (again and again) once shown.</summary>
    private static async Task<VerificationStatus> RunCameraAsync(Uri server, TokenIssuer issuer, string userId, PresentationAttack camera)
    {
        await using var session = await StreamingSession.StartAsync(server, issuer, userId);
        var status = session.Status;
        var frame = TimeSpan.FromMilliseconds(1000.0 / 15);
        for (var index = 0; status.State == VerificationState.Streaming; index++)
        {
            var challenge = status.Current!;
            for (var i = 0; i < 90 && status.Current is { Kind: ChallengeKind.Hidden } waiting && waiting.ChallengeId == challenge.ChallengeId; i++)
            {
                await session.SendAsync(challenge, camera.Rest(index));
                await Task.Delay(frame);
                status = session.Latest;
            }
            if (status.Current is not { Kind: not ChallengeKind.Hidden } shown || shown.ChallengeId != challenge.ChallengeId)
            {
                status = await session.WaitForChangeAsync(challenge.ChallengeId, TimeSpan.FromSeconds(2));
                continue;
            }
            var until = Stopwatch.StartNew();
            while (status.State == VerificationState.Streaming && status.Current?.ChallengeId == shown.ChallengeId && until.Elapsed < TimeSpan.FromSeconds(10))
            {
                foreach (var answer in camera.Answer(index, shown.Kind))
                {
                    await session.SendAsync(shown, answer);
                    await Task.Delay(frame);
                    status = session.Latest;
                    if (status.Current?.ChallengeId != shown.ChallengeId)
                    {
                        break;
                    }
                }
            }
            status = await session.WaitForChangeAsync(shown.ChallengeId, TimeSpan.FromSeconds(3));
        }
        return status;
    }
}
