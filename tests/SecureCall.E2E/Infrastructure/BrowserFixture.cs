using Microsoft.Playwright;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.E2E.Infrastructure;

/// <summary>
/// One host and one Playwright for the whole browser suite: the host's challenge set is restricted to what the
/// genuine recording performs, with a short per-challenge limit so the still-photo session ends quickly.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IBrowser? _genuine;
    private IBrowser? _still;

    public HostProcess Host { get; private set; } = null!;

    public FakeCameras Cameras { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    /// <summary>A browser whose camera plays the genuine recording.</summary>
    public IBrowser Genuine => _genuine!;

    /// <summary>A browser whose camera shows a still photo.</summary>
    public IBrowser Still => _still!;

    public async ValueTask InitializeAsync()
    {
        File.Delete(Path.Combine(Artifacts.Directory, "targets.txt"));
        Cameras = FakeCameras.Create();
        Host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["SecureCall:Verification:AllowedChallenges"] = string.Join(',', Cameras.Kinds.Select(k => k.ToString())),
            ["SecureCall:Verification:MinChallenges"] = Cameras.Kinds.Length.ToString(),
            ["SecureCall:Verification:MaxChallenges"] = Cameras.Kinds.Length.ToString(),
            ["SecureCall:Verification:ChallengeTimeLimit"] = "00:00:10",
            ["SecureCall:Verification:SessionsPerMinutePerUser"] = "20",
        });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _genuine = await Chromium.LaunchAsync(Playwright, Cameras.Genuine);
        _still = await Chromium.LaunchAsync(Playwright, Cameras.Still);
    }

    public async ValueTask DisposeAsync()
    {
        if (_genuine is not null) await _genuine.DisposeAsync();
        if (_still is not null) await _still.DisposeAsync();
        Playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        Cameras?.Dispose();
    }

    /// <summary>A fresh browser profile (its own IndexedDB) on the genuine or still camera; console errors are collected.</summary>
    /// <param name="instrument">A test's own script, run in every page before the app (to record what the app asks of the browser).</param>
    public async Task<ClientPage> OpenAsync(bool stillCamera = false, string query = "", string? instrument = null)
    {
        var context = await (stillCamera ? Still : Genuine).NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            BaseURL = Host.BaseUrl,
        });
        // Test instrumentation (not part of the app): keep every RTCPeerConnection so the test can read getStats.
        await context.AddInitScriptAsync("""
            (() => { const Native = window.RTCPeerConnection; window.__pcs = [];
              window.RTCPeerConnection = function (...args) { const pc = new Native(...args); window.__pcs.push(pc); return pc; };
              window.RTCPeerConnection.prototype = Native.prototype; })();
            """);
        if (instrument is not null)
        {
            await context.AddInitScriptAsync(instrument);
        }
        var page = await context.NewPageAsync();
        var client = new ClientPage(page, query, Host);
        return client;
    }

    /// <summary>A fresh profile with a new identity that passed proof of life and face unlock: it can call.</summary>
    public async Task<ClientPage> OpenVerifiedAsync(string userId, string displayName, string? instrument = null)
    {
        var client = await OpenAsync(instrument: instrument);
        await client.CreateIdentityAsync(userId, displayName);
        await client.VerifiedAsync();
        return client;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
