using Microsoft.Playwright;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.E2E.Infrastructure;

/// <summary>
/// One host and one Playwright for the whole browser suite. The host draws challenges as configured by default (the
/// default pool, 3-5 challenges, one retry): the genuine person is a <see cref="ReactiveCamera"/> that answers whatever
/// the page shows, so no restriction is needed to make a session passable.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IBrowser? _genuine;
    private IBrowser? _still;

    public HostProcess Host { get; private set; } = null!;

    public ReactiveCamera Camera { get; private set; } = null!;

    public StillPhotoCamera StillPhoto { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    /// <summary>A browser whose pages get the <see cref="ReactiveCamera"/> (a person following the instructions).</summary>
    public IBrowser Genuine => _genuine!;

    /// <summary>A browser whose camera shows a still photo.</summary>
    public IBrowser Still => _still!;

    public async ValueTask InitializeAsync()
    {
        File.Delete(Path.Combine(Artifacts.Directory, "targets.txt"));
        Camera = ReactiveCamera.Create();
        StillPhoto = StillPhotoCamera.Create();
        Host = await HostProcess.StartAsync(HostSettings());
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _genuine = await Chromium.LaunchAsync(Playwright);
        _still = await Chromium.LaunchAsync(Playwright, StillPhoto.File);
    }

    /// <summary>
    /// The suite host's settings: verification on its defaults, only the per-user session rate raised for the tests that
    /// run many; a test starting a host of its own adds to them.
    /// </summary>
    public Dictionary<string, string> HostSettings() => new()
    {
        ["SecureCall:Verification:SessionsPerMinutePerUser"] = "20",
    };

    public async ValueTask DisposeAsync()
    {
        if (_genuine is not null) await _genuine.DisposeAsync();
        if (_still is not null) await _still.DisposeAsync();
        Playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        StillPhoto?.Dispose();
    }

    /// <summary>A fresh browser profile (its own IndexedDB) on the reactive or still camera; console errors are collected.</summary>
    /// <param name="host">Another host than the suite's (a test's own, with other settings).</param>
    /// <param name="instrument">A test's own script, run in every page before the app (to record what the app asks of the browser).</param>
    public async Task<ClientPage> OpenAsync(bool stillCamera = false, string query = "", HostProcess? host = null, string? instrument = null)
    {
        var context = await (stillCamera ? Still : Genuine).NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            BaseURL = (host ?? Host).BaseUrl,
        });
        // Test instrumentation (not part of the app): keep every RTCPeerConnection so the test can read getStats.
        await context.AddInitScriptAsync("""
            (() => { const Native = window.RTCPeerConnection; window.__pcs = [];
              window.RTCPeerConnection = function (...args) { const pc = new Native(...args); window.__pcs.push(pc); return pc; };
              window.RTCPeerConnection.prototype = Native.prototype; })();
            """);
        if (!stillCamera)
        {
            await Camera.InstallAsync(context);
        }
        if (instrument is not null)
        {
            await context.AddInitScriptAsync(instrument);
        }
        var page = await context.NewPageAsync();
        var client = new ClientPage(page, query, host ?? Host);
        return client;
    }

    /// <summary>A fresh profile with a new identity that passed proof of life and face unlock: it can call.</summary>
    public async Task<ClientPage> OpenVerifiedAsync(string userId, string displayName, HostProcess? host = null, string? instrument = null)
    {
        var client = await OpenAsync(host: host, instrument: instrument);
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
