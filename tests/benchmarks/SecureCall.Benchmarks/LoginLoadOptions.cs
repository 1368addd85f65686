namespace SecureCall.Benchmarks;

/// <summary>Settings of the signature-login load run.</summary>
public sealed record LoginLoadOptions(int Clients, int Seconds, int WarmupSeconds, Uri? Url)
{
    public static LoginLoadOptions Parse(string[] args)
    {
        // 20 s of warm-up: tiered JIT keeps recompiling hot paths for the first ~15 s, and a server's steady state is what counts.
        var options = new LoginLoadOptions(64, 20, 20, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--clients" => options with { Clients = int.Parse(args[i + 1]) },
                "--seconds" => options with { Seconds = int.Parse(args[i + 1]) },
                "--warmup" => options with { WarmupSeconds = int.Parse(args[i + 1]) },
                "--url" => options with { Url = new Uri(args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return options;
    }
}
