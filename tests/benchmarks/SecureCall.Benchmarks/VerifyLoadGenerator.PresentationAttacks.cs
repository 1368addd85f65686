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
    private const int Person = 3, OtherPerson = 1, PortraitPerson = 6;

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
        var kinds = new List<(string StandIn, KindTally Tally)>();
        if (options.GenuineSessions > 0)
        {
            // Two genuine stand-ins built independently (issue 24, item 1): the rendered head of sample 3 (the face model's
            // mesh, orthographic) and the shaped portrait of sample 6 (a generic head shape, perspective), each with the
            // variation people bring, over the four cameras (640×480 and 320×240, 15 and 30 frames/s) in turn, reacting
            // 0.4–1.5 s after the instruction.
            var portraitPhoto = File.ReadAllBytes(SampleFaceFrames.PhotoPath(RepositoryRoot.Path, PortraitPerson));
            float[] portraitMesh;
            using (var models = new FaceModels(modelOptions))
            {
                portraitMesh = new FaceAnalyzer(models, modelOptions).Analyze(portraitPhoto, new AnalysisRequest()).Face!.Mesh.Values;
            }
            foreach (var portrait in new[] { false, true })
            {
                var tally = new KindTally();
                var total = (Name: portrait ? "genuine (shaped portrait, sample 6)" : "genuine (rendered head, sample 3)", Sessions: 0, Accepted: 0, Met: 0, Judged: 0,
                    Reasons: new Dictionary<string, int>());
                foreach (var (small, fast) in new[] { (false, false), (true, false), (false, true), (true, true) })
                {
                    var variation = CameraVariation.Genuine(small, fast);
                    using var head = new RenderedHead(photo, mesh, triangles, seed: 11) { Variation = variation };
                    using var shaped = new ShapedPortrait(portraitPhoto, portraitMesh, seed: 11) { Variation = variation };
                    var camera = portrait
                        ? new PresentationAttack(total.Name, _ => shaped.Rest(), (_, kind) => shaped.Perform(kind))
                        : new PresentationAttack(total.Name, _ => head.Rest(), (_, kind) => head.Perform(kind));
                    var count = options.GenuineSessions / 4;
                    var row = await EvaluateAsync(server, issuer, $"g{run}{(portrait ? 'p' : 'h')}{(small ? 's' : 'l')}{(fast ? 30 : 15)}", camera, count, concurrency: 2,
                        genuine: new GenuineCamera(variation.FramesPerSecond / RenderedHead.FramesPerSecond, tally));
                    total = (total.Name, total.Sessions + row.Item2, total.Accepted + row.Item3, total.Met + row.Item4, total.Judged + row.Item5, total.Reasons);
                    foreach (var (reason, n) in row.Item6)
                    {
                        total.Reasons[reason] = total.Reasons.GetValueOrDefault(reason) + n;
                    }
                }
                rows.Add(total);
                kinds.Add((total.Name, tally));
            }
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
        foreach (var (standIn, tally) in kinds)
        {
            Console.WriteLine();
            Console.WriteLine($"  per challenge kind, {standIn}: sessions that drew it, rejected at it (BPCER), attempts met");
            foreach (var (kind, (drawn, rejected, met, attempts)) in tally.Rows.OrderBy(r => r.Key))
            {
                Console.WriteLine($"    {kind,-14} {drawn,4} {rejected,4}  BPCER {rejected * 100.0 / Math.Max(1, drawn),5:F1} %  {met}/{attempts}");
            }
        }
    }

    /// <summary>How a genuine camera answers: every <paramref name="Stride"/>-th frame sent (a 30 frames/s camera paced to the session's 15, as the browser paces it), after a reaction of 0.4–1.5 s; per-kind outcomes go to <paramref name="Tally"/>.</summary>
    private sealed record GenuineCamera(int Stride, KindTally Tally);

    /// <summary>Per challenge kind: sessions that drew it, sessions rejected at it, attempts met, attempts.</summary>
    private sealed class KindTally
    {
        public Dictionary<ChallengeKind, (int Drawn, int Rejected, int Met, int Attempts)> Rows { get; } = [];

        public void Add(IReadOnlyList<(ChallengeKind Kind, bool Met)> attempts, bool rejected)
        {
            lock (Rows)
            {
                foreach (var kind in attempts.Select(a => a.Kind).Distinct())
                {
                    var row = Rows.GetValueOrDefault(kind);
                    Rows[kind] = (row.Drawn + 1, row.Rejected, row.Met + attempts.Count(a => a.Kind == kind && a.Met), row.Attempts + attempts.Count(a => a.Kind == kind));
                }
                if (rejected && attempts.Count > 0 && !attempts[^1].Met)
                {
                    var row = Rows[attempts[^1].Kind];
                    Rows[attempts[^1].Kind] = row with { Rejected = row.Rejected + 1 };
                }
            }
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
        Uri server, TokenIssuer issuer, string prefix, PresentationAttack live, int sessions, int concurrency, GenuineCamera? genuine = null)
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
                var status = await RunCameraAsync(server, issuer, $"{prefix}-{i}", camera, genuine, new Random(i));
                lock (reasons)
                {
                    accepted += status.State == VerificationState.Passed ? 1 : 0;
                    met += status.ChallengesPassed;
                    // A challenge failed only when the session ended at one (its failed attempts are counted); a session
                    // ended by a gate (a different face, a screen) judged only the challenges it met.
                    judged += status.ChallengesPassed + (status.State != VerificationState.Passed && status.ConsecutiveFailures > 0 ? 1 : 0);
                    var reason = status.State == VerificationState.Passed ? "passed" : $"{status.State}: {status.Reason}";
                    if (genuine is not null && status.State != VerificationState.Passed)
                    {
                        Console.WriteLine($"    {prefix}-{i}: {reason}");
                    }
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
    private static async Task<VerificationStatus> RunCameraAsync(Uri server, TokenIssuer issuer, string userId, PresentationAttack camera,
        GenuineCamera? genuine = null, Random? random = null)
    {
        await using var session = await StreamingSession.StartAsync(server, issuer, userId);
        var status = session.Status;
        var frame = TimeSpan.FromMilliseconds(1000.0 / 15);
        var attempts = new List<(ChallengeKind Kind, bool Met)>();
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
            var passedBefore = status.ChallengesPassed;
            if (genuine is not null)
            {
                // A person reads the instruction and reacts 0.4–1.5 s later, resting meanwhile.
                var reaction = TimeSpan.FromMilliseconds(400 + random!.Next(1101));
                while (until.Elapsed < reaction && status.Current?.ChallengeId == shown.ChallengeId)
                {
                    await session.SendAsync(shown, camera.Rest(index));
                    await Task.Delay(frame);
                    status = session.Latest;
                }
            }
            while (status.State == VerificationState.Streaming && status.Current?.ChallengeId == shown.ChallengeId && until.Elapsed < TimeSpan.FromSeconds(10))
            {
                foreach (var answer in camera.Answer(index, shown.Kind).Where((_, i) => i % (genuine?.Stride ?? 1) == 0))
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
            attempts.Add((shown.Kind, status.ChallengesPassed > passedBefore));
        }
        genuine?.Tally.Add(attempts, status.State != VerificationState.Passed);
        return status;
    }
}
