namespace SecureCall.Benchmarks;

/// <summary>
/// Settings of the call-signaling load run: <see cref="Calls"/> caller/callee pairs calling in a loop, each call held
/// for <see cref="HoldSeconds"/> after it connects (0 = hang up at once, which measures peak set-up rate). With
/// <see cref="Url"/> the run targets an already running host or cluster instead of starting a standalone host: callers
/// connect to <see cref="Url"/>, callees to <see cref="CalleeUrl"/> (another frontend of a cluster, or the same), and
/// tokens are minted with the keys in <see cref="TokenKeyDirectory"/> (a cluster's shared token key directory).
/// </summary>
public sealed record CallLoadOptions(int Calls, int Seconds, int WarmupSeconds, double HoldSeconds, Uri? Url = null, Uri? CalleeUrl = null, string? TokenKeyDirectory = null)
{
    public static CallLoadOptions Parse(string[] args)
    {
        var options = new CallLoadOptions(100, 20, 5, 0);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--calls" => options with { Calls = int.Parse(args[i + 1]) },
                "--seconds" => options with { Seconds = int.Parse(args[i + 1]) },
                "--warmup" => options with { WarmupSeconds = int.Parse(args[i + 1]) },
                "--hold" => options with { HoldSeconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--url" => options with { Url = new Uri(args[i + 1]) },
                "--callee-url" => options with { CalleeUrl = new Uri(args[i + 1]) },
                "--token-keys" => options with { TokenKeyDirectory = args[i + 1] },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        if (options.Url is not null && options.TokenKeyDirectory is null)
        {
            throw new ArgumentException("--url needs --token-keys (the host's token key directory, to mint the parties' tokens).");
        }
        return options;
    }
}
