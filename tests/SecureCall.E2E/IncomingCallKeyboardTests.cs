using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// The incoming-call dialog from the keyboard: Escape declines (the caller stops ringing) and the tab rings again for
/// the next call; accepting with Enter leaves focus where a second Enter does not hang up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncomingCallKeyboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Escape_DeclinesAndTheTabRingsAgain_EnterTwiceAfterAcceptKeepsTheCall()
    {
        await using var mia = await browser.OpenVerifiedAsync("keys-caller", "Mia Caller");
        await using var noa = await browser.OpenVerifiedAsync("keys-callee", "Noa Callee");
        await mia.AddContactAsync("keys-callee");
        await noa.NavigateAsync("/calls");

        await mia.Page.Locator("button[data-call='keys-callee']").ClickAsync();
        var incoming = noa.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await noa.Page.Keyboard.PressAsync("Escape");
        await Expect(incoming).ToHaveCountAsync(0);
        await Expect(mia.Page.Locator("#call-state")).ToHaveAttributeAsync("data-reason", "rejected", new() { Timeout = 10_000 });

        // The same tab rings for the next call, and Enter on Accept answers it.
        await mia.Page.GetByRole(AriaRole.Button, new() { Name = "Call again" }).ClickAsync();
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await incoming.Locator("#accept-call").FocusAsync();
        await noa.Page.Keyboard.PressAsync("Enter");
        var state = noa.Page.Locator("#call-state");
        await Expect(state).ToBeVisibleAsync();
        Assert.NotEqual("hang-up", await noa.Page.EvaluateAsync<string?>("() => document.activeElement?.id"));
        await noa.Page.Keyboard.PressAsync("Enter");
        await Expect(state).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(mia.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Artifacts.ScreenshotAsync(noa.Page, "22-accepted-by-keyboard-1280");
        await mia.Page.Locator("#hang-up").ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-phase", "ended");
        Assert.True(noa.ConsoleErrors.Count == 0, string.Join("\n", noa.ConsoleErrors));
    }
}
