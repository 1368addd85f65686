using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// An incoming call is noticed: it rings (Web Audio), shows a system notification once the person allowed them, and
/// marks the tab's title and favicon; all of it stops when the call is declined, answered or gone. On a phone
/// (360x740) Accept and Decline are in view without scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncomingCallAlertTests(BrowserFixture browser)
{
    /// <summary>
    /// Test instrumentation (not part of the app): records the audio contexts opened and closed, the oscillators
    /// started, and the notifications shown and closed.
    /// </summary>
    private const string RecordAlerts = """
        (() => {
          const log = window.__alerts = { contexts: 0, closed: 0, tones: 0, notifications: [] };
          const NativeAudio = window.AudioContext;
          window.AudioContext = class extends NativeAudio {
            constructor(...args) { super(...args); log.contexts++; }
            close() { log.closed++; return super.close(); }
          };
          const start = OscillatorNode.prototype.start;
          OscillatorNode.prototype.start = function (...args) { log.tones++; return start.apply(this, args); };
          const NativeNotification = window.Notification;
          class RecordedNotification extends NativeNotification {
            constructor(title, options) { super(title, options); this.__entry = { title, closed: false }; log.notifications.push(this.__entry); }
            close() { this.__entry.closed = true; return super.close(); }
          }
          Object.defineProperty(RecordedNotification, 'permission', { get: () => NativeNotification.permission });
          RecordedNotification.requestPermission = (...args) => NativeNotification.requestPermission(...args);
          window.Notification = RecordedNotification;
        })();
        """;

    private const string CallsTitle = "Calls · SecureCall";

    [Fact]
    public async Task IncomingCall_RingsNotifiesAndMarksTheTab_UntilDeclinedGoneOrAnswered_AndFitsAPhone()
    {
        await using var ada = await browser.OpenVerifiedAsync("alert-caller", "Ada Caller");
        await using var ben = await browser.OpenVerifiedAsync("alert-callee", "Ben Callee", instrument: RecordAlerts);
        await ada.AddContactAsync("alert-callee");
        await ben.NavigateAsync("/calls");
        var page = ben.Page;

        // Notifications are asked for from a visible control, never on their own.
        var notify = page.GetByRole(AriaRole.Button, new() { Name = "Notify me of calls" });
        await Expect(notify).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "23-notify-me-of-calls-1280");
        await page.SetViewportSizeAsync(360, 740);
        await Artifacts.ScreenshotAsync(page, "23-notify-me-of-calls-360");
        await page.SetViewportSizeAsync(1280, 860);
        await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = browser.Host.BaseUrl });
        await notify.ClickAsync();
        await Expect(page.Locator("#call-notifications-status")).ToHaveTextAsync("Call notifications are on.");
        await Expect(notify).ToBeHiddenAsync();
        await Expect(page).ToHaveTitleAsync(CallsTitle);
        var pageIcon = await Favicon(page).GetAttributeAsync("href");

        // 1. Declined.
        await ada.Page.Locator("button[data-call='alert-callee']").ClickAsync();
        var incoming = page.GetByRole(AriaRole.Alertdialog);
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await AssertAlertingAsync(page, calls: 1);
        await Artifacts.ScreenshotAsync(page, "23-incoming-call-1280");
        await incoming.Locator("#decline-call").ClickAsync();
        await AssertQuietAsync(page, pageIcon, calls: 1);
        // A decline is a normal ending, said once and not in error red.
        var adaState = ada.Page.Locator("#call-state");
        await Expect(adaState).ToHaveAttributeAsync("data-reason", "rejected", new() { Timeout = 10_000 });
        await Expect(adaState).ToHaveTextAsync("Call declined");
        await Expect(adaState).ToHaveAttributeAsync("data-tone", "neutral");

        // 2. Gone: the caller hangs up while it rings.
        await ada.Page.Locator("#call-again").ClickAsync();
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await AssertAlertingAsync(page, calls: 2);
        await ada.Page.Locator("#hang-up").ClickAsync();
        await Expect(incoming).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await AssertQuietAsync(page, pageIcon, calls: 2);

        // 3. Answered, on a phone: Accept and Decline are in view without scrolling, and clickable where they are.
        await page.SetViewportSizeAsync(360, 740);
        await ada.Page.Locator("#close-call").ClickAsync();
        await ada.Page.Locator("button[data-call='alert-callee']").ClickAsync();
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await Expect(incoming.Locator("[data-safety-number]")).ToBeVisibleAsync();
        await AssertAlertingAsync(page, calls: 3);
        foreach (var id in new[] { "#accept-call", "#decline-call" })
        {
            await AssertInViewAndOnTopAsync(page, incoming.Locator(id), 360, 740);
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Directory, "23-incoming-call-360.png") });
        await incoming.Locator("#accept-call").ClickAsync();
        await AssertQuietAsync(page, pageIcon, calls: 3);
        await Expect(page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(ada.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await ada.Page.Locator("#hang-up").ClickAsync();

        // A normal hang-up reads neutral on both sides, and nothing of the call is left: no quality bars, no video boxes.
        var benState = page.Locator("#call-state");
        await Expect(benState).ToHaveAttributeAsync("data-phase", "ended");
        await Expect(benState).ToHaveTextAsync("Call ended by the other side");
        await Expect(adaState).ToHaveTextAsync("Call ended");
        foreach (var (client, state) in new[] { (ben, benState), (ada, adaState) })
        {
            await Expect(state).ToHaveAttributeAsync("data-tone", "neutral");
            await Expect(client.Page.Locator("#call-quality")).ToBeHiddenAsync();
            await Expect(client.Page.Locator("#local-video")).ToBeHiddenAsync();
            await Expect(client.Page.Locator("#remote-video")).ToBeHiddenAsync();
            await Expect(client.Page.Locator(".call-outcome")).ToBeVisibleAsync();
        }
        await Accessibility.AssertNoSeriousViolationsAsync(page, "call ended at 360");
        await Artifacts.ScreenshotAsync(page, "24-call-ended-360");
        await Artifacts.ScreenshotAsync(ada.Page, "24-call-ended-1280");
        Assert.True(ben.ConsoleErrors.Count == 0, string.Join("\n", ben.ConsoleErrors));
    }

    private static ILocator Favicon(IPage page) => page.Locator("link[rel='icon']");

    private static Task<int> Count(IPage page, string expression) => page.EvaluateAsync<int>($"() => {expression}");

    private static async Task AssertAlertingAsync(IPage page, int calls)
    {
        // Ringing: one audio context open, its tones started; the notification up; title and favicon show the call.
        await page.WaitForFunctionAsync($"() => window.__alerts.contexts - window.__alerts.closed === 1 && window.__alerts.tones >= {2 * calls}");
        Assert.Equal(calls, await Count(page, "window.__alerts.notifications.length"));
        Assert.Equal("Incoming call from Ada Caller", await page.EvaluateAsync<string>("() => window.__alerts.notifications.at(-1).title"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__alerts.notifications.at(-1).closed"));
        await Expect(page).ToHaveTitleAsync("📞 Ada Caller is calling");
        await Expect(Favicon(page)).ToHaveAttributeAsync("data-call", "incoming");
        Assert.StartsWith("data:image/svg+xml", await Favicon(page).GetAttributeAsync("href"));
    }

    private static async Task AssertQuietAsync(IPage page, string? pageIcon, int calls)
    {
        await page.WaitForFunctionAsync("() => window.__alerts.contexts === window.__alerts.closed");
        Assert.Equal(calls, await Count(page, "window.__alerts.contexts"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__alerts.notifications.every(n => n.closed)"));
        await Expect(Favicon(page)).Not.ToHaveAttributeAsync("data-call", "incoming");
        Assert.Equal(pageIcon, await Favicon(page).GetAttributeAsync("href"));
        // The title alternated while it rang; stopped, it is the page's own and stays so (past one alternation).
        await Expect(page).ToHaveTitleAsync(CallsTitle);
        await page.WaitForTimeoutAsync(1200);
        await Expect(page).ToHaveTitleAsync(CallsTitle);
    }

    private static async Task AssertInViewAndOnTopAsync(IPage page, ILocator button, int width, int height)
    {
        var box = await button.BoundingBoxAsync() ?? throw new InvalidOperationException("the button has no box");
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height,
            $"the button lies outside the {width}x{height} view: {box.X},{box.Y} {box.Width}x{box.Height}");
        // Not covered: the element at the button's centre is the button itself (or its text).
        var onTop = await page.EvaluateAsync<bool>(
            "({ x, y, id }) => document.elementFromPoint(x, y)?.closest('button')?.id === id",
            new { x = (double)(box.X + box.Width / 2), y = (double)(box.Y + box.Height / 2), id = await button.GetAttributeAsync("id") });
        Assert.True(onTop, "the button is covered at its centre");
    }
}
