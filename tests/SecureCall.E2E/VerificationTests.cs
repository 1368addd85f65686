using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>Proof of life in Chromium with a fake camera: the genuine recording passes, a still photo does not.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VerificationTests(BrowserFixture browser)
{
    [Fact]
    public async Task GenuineCamera_PassesAndEnrols_ThenFaceUnlockMatchesAndUnlocksCalls()
    {
        await using var client = await browser.OpenAsync();
        await client.CreateIdentityAsync("gina", "Gina");
        await client.Page.Locator("button", new() { HasText = "Continue: prove you are live" }).ClickAsync();
        await Artifacts.ScreenshotAsync(client.Page, "05-verify-ready");
        await Accessibility.AssertNoSeriousViolationsAsync(client.Page, "verify page");

        var (passed, elapsed, text) = await client.VerifyAsync();

        Assert.True(passed, $"{text}\n{client.ChallengeFailures()}");
        await Expect(client.Page.Locator("#assurance")).ToHaveTextAsync("live");
        await Expect(client.Page.Locator("#verify-result")).ToContainTextAsync("face is now enrolled");
        await Artifacts.ScreenshotAsync(client.Page, "06-verify-passed-enrolled");
        await Accessibility.AssertNoSeriousViolationsAsync(client.Page, "verify result");
        Artifacts.Measure($"proof of life ({browser.Cameras.Kinds.Length} challenges, fake camera)", elapsed.TotalSeconds, "s", 10);

        await client.Page.Locator("#face-unlock").ClickAsync();
        (passed, elapsed, text) = await client.VerifyAsync();

        Assert.True(passed, $"{text}\n{client.ChallengeFailures()}");
        await Expect(client.Page.Locator("#assurance")).ToHaveTextAsync("live + face");
        await Expect(client.Page.Locator("#verify-result")).ToContainTextAsync("server made this decision");
        await Artifacts.ScreenshotAsync(client.Page, "06b-face-unlock-passed");
        Artifacts.Measure("face unlock (proof of life matched to the enrolled face)", elapsed.TotalSeconds, "s", 10);
        Assert.True(client.ConsoleErrors.Count == 0, string.Join("\n", client.ConsoleErrors));
    }

    [Fact]
    public async Task StillPhotoCamera_FailsWithTheReasonShown()
    {
        await using var client = await browser.OpenAsync(stillCamera: true);
        await client.CreateIdentityAsync("hank", "Hank");

        var (passed, _, text) = await client.VerifyAsync();

        Assert.False(passed, text);
        Assert.Contains("did not pass", text);
        await Expect(client.Page.Locator("#start-verification")).ToHaveTextAsync("Try again");
        await Artifacts.ScreenshotAsync(client.Page, "07-verify-failed");
    }
}
