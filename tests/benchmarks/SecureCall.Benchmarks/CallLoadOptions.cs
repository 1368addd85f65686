namespace SecureCall.Benchmarks;

/// <summary>
/// Settings of the call-signaling load run: <see cref="Calls"/> caller/callee pairs calling in a loop, each call held
/// for <see cref="HoldSeconds"/> after it connects (0 = hang up at once, which measures peak set-up rate).
/// </summary>
public sealed record CallLoadOptions(int Calls, int Seconds, int WarmupSeconds, double HoldSeconds)
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
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return options;
    }
}
