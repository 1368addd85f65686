using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// Calling someone who is not connected: the caller learns it at once, with a way to try again, and the callee finds
/// the missed call when they next sign in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UnreachableCallTests(BrowserFixture browser)
{
    [Fact]
    public async Task CallingSomeoneOffline_EndsAtOnceWithCallAgain_AndTheCalleeSeesTheMissedCallAtSignIn()
    {
        // Created but never verified: a signature token does not open the call connection, so nothing can ring.
        await using var kim = await browser.OpenAsync();
        await kim.CreateIdentityAsync("offline-callee", "Kim Away");
        await kim.Page.GotoAsync("about:blank");
        await using var lee = await browser.OpenVerifiedAsync("offline-caller", "Lee Caller");
        await lee.AddContactAsync("offline-callee");
        var warnings = new List<string>();
        lee.Page.Console += (_, message) =>
        {
            if (message.Type is "warning" or "error")
            {
                lock (warnings) warnings.Add(message.Text);
            }
        };

        await lee.Page.Locator("button[data-call='offline-callee']").ClickAsync();
        var state = lee.Page.Locator("#call-state");
        // At once, not after the ring timeout: the server knew nobody could ring.
        await Expect(state).ToHaveAttributeAsync("data-reason", "unreachable", new() { Timeout = 10_000 });
        await Expect(state).ToContainTextAsync("Not reachable");
        var again = lee.Page.GetByRole(AriaRole.Button, new() { Name = "Call again" });
        await Expect(again).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(lee.Page, "unreachable call");
        await Artifacts.ScreenshotAsync(lee.Page, "20-unreachable-1280");
        await lee.Page.SetViewportSizeAsync(360, 740);
        await Artifacts.ScreenshotAsync(lee.Page, "20-unreachable-360");
        await lee.Page.SetViewportSizeAsync(1280, 860);

        // Call again is a new call to the same person, with the same honest outcome.
        var firstCall = await state.GetAttributeAsync("data-call-id");
        await again.ClickAsync();
        await Expect(state).Not.ToHaveAttributeAsync("data-call-id", firstCall ?? "", new() { Timeout = 10_000 });
        await Expect(state).ToHaveAttributeAsync("data-reason", "unreachable", new() { Timeout = 10_000 });
        lock (warnings)
        {
            Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        }

        await kim.SignInAsync("offline-callee");
        var missed = kim.Page.Locator("#missed-calls");
        await Expect(missed).ToContainTextAsync("Missed call from Lee Caller", new() { Timeout = 10_000 });
        await Expect(missed.Locator("li")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousViolationsAsync(kim.Page, "missed calls");
        await Artifacts.ScreenshotAsync(kim.Page, "21-missed-calls-1280");
        await kim.Page.SetViewportSizeAsync(360, 740);
        await Artifacts.ScreenshotAsync(kim.Page, "21-missed-calls-360");
        Assert.True(kim.ConsoleErrors.Count == 0, string.Join("\n", kim.ConsoleErrors));
    }
}
