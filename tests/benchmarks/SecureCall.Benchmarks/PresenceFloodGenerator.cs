using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SecureCall.Benchmarks;

/// <summary>
/// Issue 26, item 4: a keyed user floods <c>POST /api/presence</c> with ids no one registered (100 per request, the
/// per-user budget lifted) against the real standalone host; prints the host's resident memory before and after.
/// Asking about unknown ids must activate nothing lasting (the review saw 30,000 look-ups add 108 MB).
/// </summary>
public static class PresenceFloodGenerator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var lookUps = args.Length >= 2 && args[0] == "--lookups" ? int.Parse(args[1]) : 30_000;
        await using var server = await StandaloneServer.StartAsync(new Dictionary<string, string>
        {
            ["SecureCall:Signaling:PresenceLookupsPerMinutePerUser"] = "100000000",
            ["SecureCall:Signaling:PresenceLookupBurstPerUser"] = "100000000",
            ["SecureCall:Api:TokenRequestsPerMinutePerIp"] = "100000000",
        });
        var token = ServerTokens.IssuerFor(server.DataDirectory).Issue("flood-asker", ["sig"], new Dictionary<string, object>()).Token;
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Warm-up: the same load on the same 100 ids, so JIT, heaps and buffers reach their working size first and what
        // the rounds add is the cost of new ids.
        await FloodAsync(http, "warm", lookUps, sameIds: true);
        var start = await SettledResidentBytesAsync(server);
        Console.WriteLine($"presence flood: server RSS {start / 1048576.0:F1} MB after {lookUps} look-ups of the same 100 ids");
        // Three rounds of fresh unknown ids: lasting per-id state would add memory in every round.
        var previous = start;
        for (var round = 1; round <= 3; round++)
        {
            var clock = Stopwatch.StartNew();
            await FloodAsync(http, $"unknown{round}", lookUps);
            var elapsed = clock.Elapsed;
            var now = await SettledResidentBytesAsync(server);
            Console.WriteLine($"  round {round}: {lookUps} look-ups of unknown ids in {elapsed.TotalSeconds:F1} s ({lookUps / elapsed.TotalSeconds:F0}/s); "
                + $"RSS {now / 1048576.0:F1} MB ({(now - previous) / 1048576.0:+0.0;-0.0} MB this round, {(now - start) / 1048576.0:+0.0;-0.0} MB in all)");
            previous = now;
        }
        return 0;
    }

    private static async Task FloodAsync(HttpClient http, string prefix, int lookUps, bool sameIds = false) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, lookUps / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, cancel) =>
        {
            var ids = Enumerable.Range(0, 100).Select(i => sameIds ? $"{prefix}-{i}" : $"{prefix}-{batch}-{i}").ToArray();
            (await http.PostAsJsonAsync("/api/presence", new { userIds = ids }, cancel)).EnsureSuccessStatusCode();
        });

    // Resident memory after the host has been idle for a few seconds (its own GC runs; nothing here can force one).
    private static async Task<long> SettledResidentBytesAsync(StandaloneServer server)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        return server.ResidentBytes;
    }
}
