using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using SecureCall.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// The web client through a cluster, as deploy/local-cluster.sh starts one: a headless silo on PostgreSQL and two web
/// frontends as its Orleans clients, mutual TLS between them. Alice uses one frontend and Bob the other: each creates
/// an identity, proves they are live (the silo runs the models) and unlocks with their face; Alice calls Bob, whose
/// own frontend rings him, and video flows both ways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClusterTests(BrowserFixture browser) : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private ProcessCluster? _cluster;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var settings = browser.HostSettings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Logging:LogLevel:SecureCall.Grains.Verification.VerificationSessionGrain"] = "Debug";
        _cluster = await ProcessCluster.CreateAsync(_postgres, "e2e", settings);
        await _cluster.StartSiloAsync("silo-1");
        await _cluster.StartFrontendAsync("web-1");
        await _cluster.StartFrontendAsync("web-2");
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(Artifacts.Directory, "cluster.log"), _cluster.Logs());
            await _cluster.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task UsersOnDifferentFrontends_VerifyAndCallEachOther()
    {
        var (web1, web2) = (_cluster!.Frontends["web-1"].Url, _cluster.Frontends["web-2"].Url);
        await using var alice = await VerifiedAsync("alice", "Alice Adams", web1);
        await using var bob = await VerifiedAsync("bob", "Bob Brown", web2);
        await alice.AddContactAsync("bob");
        await bob.NavigateAsync("/calls");

        await alice.Page.Locator("button[data-call='bob']").ClickAsync();
        var incoming = bob.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(incoming.Locator("#caller-name")).ToHaveTextAsync("Alice Adams", new() { Timeout = 15_000 });
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await Expect(incoming.Locator("#check-fingerprint")).ToHaveAttributeAsync("data-ok", "true");
        await incoming.Locator("#accept-call").ClickAsync();

        await Expect(alice.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await alice.WaitForRemoteVideoAsync();
        await bob.WaitForRemoteVideoAsync();
        await Artifacts.ScreenshotAsync(bob.Page, "16-cluster-call-callee");

        await bob.Page.Locator("#hang-up").ClickAsync();
        await Expect(alice.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended");
        Assert.True(alice.ConsoleErrors.Count == 0, string.Join("\n", alice.ConsoleErrors));
        Assert.True(bob.ConsoleErrors.Count == 0, string.Join("\n", bob.ConsoleErrors));
    }

    private async Task<ClientPage> VerifiedAsync(string userId, string name, Uri frontend)
    {
        var client = await browser.OpenAsync(baseUrl: frontend);
        await client.CreateIdentityAsync(userId, name);
        await client.VerifiedAsync();
        return client;
    }
}
