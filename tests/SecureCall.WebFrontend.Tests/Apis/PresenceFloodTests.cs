using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Issue 26, item 4: asking about ids that no one registered activates nothing lasting. The review saw 30,000 look-ups
/// of unknown ids create 30,000 presence grains (RSS 660 → 768 MB); here the per-user budget is lifted so only the
/// activations are measured. The benchmark's <c>presence</c> run measures the real host's memory under the same flood.
/// </summary>
public sealed class PresenceFloodTests(PresenceFloodTests.Host host) : IClassFixture<PresenceFloodTests.Host>
{
    private const int LookUps = 30_000;

    /// <summary>The activations a flood may add: the fixed presence shards, the asker's limits, and a little slack.</summary>
    private const int MaxAddedActivations = 64;

    [Fact]
    public async Task Presence_FloodOfUnknownIds_ActivatesNoGrainPerId()
    {
        var token = host.Factory.Services.GetRequiredService<TokenIssuer>().Issue("flood-asker", ["sig"], new Dictionary<string, object>()).Token;
        var management = host.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var http = host.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/presence", new { userIds = new[] { "warm-up" } }, TestContext.Current.CancellationToken)).StatusCode);
        var before = await management.GetTotalActivationCount();

        var batches = Enumerable.Range(0, LookUps / 100).Select(b => Enumerable.Range(0, 100).Select(i => $"unknown-{b}-{i}").ToArray());
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (ids, token) =>
        {
            var response = await http.PostAsJsonAsync("/api/presence", new { userIds = ids }, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(token)).GetProperty("online").EnumerateArray());
        });
        var after = await management.GetTotalActivationCount();

        TestContext.Current.TestOutputHelper?.WriteLine($"activations before {before}, after {LookUps} unknown look-ups {after} (+{after - before})");
        Assert.InRange(after - before, 0, MaxAddedActivations);
    }

    public sealed class Host : HostFixture
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("SecureCall:Signaling:PresenceLookupsPerMinutePerUser", "100000000"),
            new("SecureCall:Signaling:PresenceLookupBurstPerUser", "100000000"),
            new("SecureCall:Api:TokenRequestsPerMinutePerIp", "100000"),
        ];
    }
}
