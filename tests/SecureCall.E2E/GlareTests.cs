using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>Two people click Call on each other at the same moment: they end up in one call, with no error shown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GlareTests(BrowserFixture browser)
{
    [Fact]
    public async Task BothCallEachOtherAtOnce_EndInTheSameCall()
    {
        await using var olga = await browser.OpenVerifiedAsync("glare-olga", "Olga");
        await using var pete = await browser.OpenVerifiedAsync("glare-pete", "Pete");
        await olga.AddContactAsync("glare-pete");
        await pete.AddContactAsync("glare-olga");

        await Task.WhenAll(
            olga.Page.Locator("button[data-call='glare-pete']").ClickAsync(),
            pete.Page.Locator("button[data-call='glare-olga']").ClickAsync());

        var olgaState = olga.Page.Locator("#call-state");
        var peteState = pete.Page.Locator("#call-state");
        await Expect(olgaState).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 30_000 });
        await Expect(peteState).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 30_000 });
        // One call: the one placed by the smaller user id (the server's rule), seen by both.
        var callId = await olgaState.GetAttributeAsync("data-call-id");
        Assert.Equal(callId, await peteState.GetAttributeAsync("data-call-id"));
        await Artifacts.ScreenshotAsync(pete.Page, "25-glare-joined-1280");
        foreach (var client in new[] { olga, pete })
        {
            await Expect(client.Page.Locator(".notice-error")).ToHaveCountAsync(0);
            await Expect(client.Page.GetByRole(AriaRole.Alertdialog)).ToHaveCountAsync(0);
            Assert.True(client.ConsoleErrors.Count == 0, string.Join("\n", client.ConsoleErrors));
        }
        await olga.Page.Locator("#hang-up").ClickAsync();
        await Expect(peteState).ToHaveAttributeAsync("data-phase", "ended");
    }
}
