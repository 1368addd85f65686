namespace SecureCall.Benchmarks;

/// <summary>
/// Settings of the proof-of-life run: <see cref="Sessions"/> whole 3-challenge sessions one after another at 15
/// frames/s, then concurrent sessions at 5 frames/s for <see cref="Seconds"/> per level, one level per entry of
/// <see cref="Levels"/>, until frame-to-feedback p99 passes 150 ms.
/// </summary>
/// <see cref="AttackSessions"/> and <see cref="GenuineSessions"/> size the presentation-attack evaluation;
/// <see cref="Parts"/> picks what runs (login, sessions, attacks, concurrent); <see cref="Classes"/> which attack
/// classes the evaluation runs (all by default; names as in <c>AttackSet.Names</c>, comma-separated);
/// <see cref="Challenges"/> the challenge kinds the server may issue (the server's default pool unless named), to
/// measure attacks against one kind of challenge. <see cref="WarmUpSeconds"/> of load at the first level come before
/// the levels: a host started cold needs about that long under load before its hot paths are compiled to their final
/// tier (with 10 s, the first level measured that state, not the host's).
public sealed record VerifyLoadOptions(int Sessions, int Seconds, int[] Levels, int AttackSessions = 10, int GenuineSessions = 20, string[]? Parts = null,
    string[]? Classes = null, string? Challenges = null, int WarmUpSeconds = 30)
{
    public bool Runs(string part) => Parts is null || Parts.Contains(part);

    public bool RunsClass(string name) => Classes is null || Classes.Contains(name);

    public static VerifyLoadOptions Parse(string[] args)
    {
        var options = new VerifyLoadOptions(5, 15, [1, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24]);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--sessions" => options with { Sessions = int.Parse(args[i + 1]) },
                "--seconds" => options with { Seconds = int.Parse(args[i + 1]) },
                "--levels" => options with { Levels = args[i + 1].Split(',').Select(int.Parse).ToArray() },
                "--attack-sessions" => options with { AttackSessions = int.Parse(args[i + 1]) },
                "--genuine-sessions" => options with { GenuineSessions = int.Parse(args[i + 1]) },
                "--parts" => options with { Parts = args[i + 1].Split(',') },
                "--classes" => options with { Classes = args[i + 1].Split(',') },
                "--challenges" => options with { Challenges = args[i + 1] },
                "--warmup" => options with { WarmUpSeconds = int.Parse(args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return options;
    }
}
