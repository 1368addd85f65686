using System.Diagnostics;
using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// A reload in the middle of a call: the other side learns within README's 20 s that the call failed; the reloaded tab
/// says which call was interrupted, keeps its proof of life (the liveness grant is redeemed with the device key) and
/// calls back, and the new call connects.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReloadMidCallTests(BrowserFixture browser)
{
    private static readonly TimeSpan DocumentedBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CalleeReloadsMidCall_CallerSeesCallFailedWithinTheBound_CalleeCallsBackWithoutANewProofOfLife_AndAClosedTabEndsTheCallToo()
    {
        await using var alice = await browser.OpenVerifiedAsync("reload-caller", "Alice Reload");
        await using var bob = await browser.OpenVerifiedAsync("reload-callee", "Bob Reload");
        await alice.AddContactAsync("reload-callee");
        await bob.NavigateAsync("/calls");
        await alice.Page.Locator("button[data-call='reload-callee']").ClickAsync();
        var incoming = bob.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await incoming.Locator("#accept-call").ClickAsync();
        var aliceState = alice.Page.Locator("#call-state");
        await Expect(aliceState).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await alice.WaitForRemoteVideoAsync();

        // From here on, any proof-of-life traffic from the callee's tab would mean the reload cost a new one.
        var verification = new List<string>();
        bob.Page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path is "/verify" or "/auth/verify" || path.StartsWith("/hubs/verify", StringComparison.Ordinal) || path.StartsWith("/ws/verify", StringComparison.Ordinal))
            {
                lock (verification) verification.Add($"{request.Method} {request.Url}");
            }
        };
        var clock = Stopwatch.StartNew();
        await bob.Page.ReloadAsync();

        await Expect(aliceState).ToHaveAttributeAsync("data-phase", "ended", new() { Timeout = (float)DocumentedBound.TotalMilliseconds });
        var told = clock.Elapsed;
        await Expect(aliceState).ToContainTextAsync("Call failed");
        Artifacts.Measure("reload mid-call: the other side shows Call failed", told.TotalMilliseconds, "ms", DocumentedBound.TotalMilliseconds);
        Assert.True(told < DocumentedBound, $"Call failed came after {told.TotalSeconds:0.0} s");

        var notice = bob.Page.Locator("#interrupted-call");
        await Expect(notice).ToContainTextAsync("Your call with Alice Reload was interrupted", new() { Timeout = 15_000 });
        await Expect(bob.Page.Locator("#assurance")).ToHaveTextAsync("live + face");
        await Expect(bob.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/calls$"));
        await Accessibility.AssertNoSeriousViolationsAsync(bob.Page, "interrupted call");
        await Artifacts.ScreenshotAsync(bob.Page, "30-interrupted-call-1280");
        await Artifacts.ScreenshotAsync(alice.Page, "31-peer-reloaded-call-failed-1280");
        await bob.Page.SetViewportSizeAsync(360, 740);
        await alice.Page.SetViewportSizeAsync(360, 740);
        await Artifacts.ScreenshotAsync(bob.Page, "30-interrupted-call-360");
        await Artifacts.ScreenshotAsync(alice.Page, "31-peer-reloaded-call-failed-360");
        await bob.Page.SetViewportSizeAsync(1280, 860);
        await alice.Page.SetViewportSizeAsync(1280, 860);

        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Call back Alice Reload" }).ClickAsync();
        var ringing = alice.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(ringing.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 15_000 });
        await ringing.Locator("#accept-call").ClickAsync();
        await Expect(aliceState).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await alice.WaitForRemoteVideoAsync();
        await bob.WaitForRemoteVideoAsync();
        lock (verification)
        {
            Assert.True(verification.Count == 0, "the reload cost a new proof of life:\n" + string.Join("\n", verification));
        }

        Assert.True(alice.ConsoleErrors.Count == 0, string.Join("\n", alice.ConsoleErrors));
        Assert.True(bob.ConsoleErrors.Count == 0, string.Join("\n", bob.ConsoleErrors));

        // A tab closed mid-call never comes back to end its call: the server's rejoin grace (10 s) does, well within 20 s.
        clock.Restart();
        await bob.Page.CloseAsync();
        await Expect(aliceState).ToHaveAttributeAsync("data-phase", "ended", new() { Timeout = (float)DocumentedBound.TotalMilliseconds });
        var closedTold = clock.Elapsed;
        await Expect(aliceState).ToContainTextAsync("Call failed");
        Artifacts.Measure("tab closed mid-call: the other side shows Call failed", closedTold.TotalMilliseconds, "ms", DocumentedBound.TotalMilliseconds);
        Assert.True(closedTold < DocumentedBound, $"Call failed came after {closedTold.TotalSeconds:0.0} s");
    }
}
