namespace SecureCall.Benchmarks;

/// <summary>
/// Settings of the signature-login load run. <see cref="Rate"/> &gt; 0 runs an open loop: the clients together
/// start <see cref="Rate"/> logins per second on a fixed schedule, whatever the server's speed, and latency is
/// counted from each login's scheduled start (so a stalled server cannot hide its queue). <see cref="Rate"/> = 0
/// runs a closed loop: each client starts its next login as soon as the last one ends.
/// </summary>
public sealed record LoginLoadOptions(int Clients, int Seconds, int WarmupSeconds, double Rate, Uri? Url, int? ServerProcessId)
{
    public static LoginLoadOptions Parse(string[] args)
    {
        // 20 s of warm-up: tiered JIT keeps recompiling hot paths for the first ~15 s, and a server's steady state is what counts.
        var options = new LoginLoadOptions(64, 20, 20, 0, null, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--clients" => options with { Clients = int.Parse(args[i + 1]) },
                "--seconds" => options with { Seconds = int.Parse(args[i + 1]) },
                "--warmup" => options with { WarmupSeconds = int.Parse(args[i + 1]) },
                "--rate" => options with { Rate = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--url" => options with { Url = new Uri(args[i + 1]) },
                // With --url: the server's process id, so its CPU time per login can be reported too.
                "--server-pid" => options with { ServerProcessId = int.Parse(args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        if (options.Clients < 1 || options.Seconds < 1 || options.WarmupSeconds < 0 || options.Rate < 0)
        {
            throw new ArgumentException("--clients and --seconds must be positive; --warmup and --rate must not be negative.");
        }
        return options;
    }
}
