using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// Proof of life in Chromium on the host's default settings: a person following the instructions (the reactive camera)
/// passes with every kind of the default pool, a still photo does not.
/// </summary>
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
        var performed = await ReactiveCamera.PerformedAsync(client.Page);
        Artifacts.Measure($"proof of life ({performed.Length} challenges of the default pool, reactive camera)", elapsed.TotalSeconds, "s", 10);

        await client.Page.Locator("#face-unlock").ClickAsync();
        (passed, elapsed, text) = await client.VerifyAsync();

        Assert.True(passed, $"{text}\n{client.ChallengeFailures()}");
        await Expect(client.Page.Locator("#assurance")).ToHaveTextAsync("live + face");
        await Expect(client.Page.Locator("#verify-result")).ToContainTextAsync("server made this decision");
        await Artifacts.ScreenshotAsync(client.Page, "06b-face-unlock-passed");
        Artifacts.Measure($"face unlock ({(await ReactiveCamera.PerformedAsync(client.Page)).Length - performed.Length} challenges + the match to the enrolled face)", elapsed.TotalSeconds, "s", 5);
        Assert.True(client.ConsoleErrors.Count == 0, string.Join("\n", client.ConsoleErrors));
    }

    /// <summary>
    /// Sessions of fresh identities (each draws 3-5 kinds of the default pool at random) until every kind was met in a
    /// passing session; a kind is met when the camera performed it in a session that passed (a session passes only when
    /// every challenge was met). At most 12 sessions: a kind is missing from one session with probability 1/2, so from
    /// 12 with 1/4096. A genuine person may fail at most one of them.
    /// </summary>
    [Fact]
    public async Task ReactivePerson_PassesWithEveryKindOfTheDefaultPool()
    {
        var shown = ReactiveCamera.Kinds.ToDictionary(k => k.ToString(), _ => 0);
        var met = ReactiveCamera.Kinds.ToDictionary(k => k.ToString(), _ => 0);
        var failures = new List<string>();
        var sessions = 0;
        while (sessions < 12 && met.Values.Any(n => n == 0))
        {
            sessions++;
            await using var client = await browser.OpenAsync();
            await client.CreateIdentityAsync($"kinds{sessions}", $"Kinds {sessions}");
            var (passed, _, text) = await client.VerifyAsync();
            var performed = await ReactiveCamera.PerformedAsync(client.Page);
            foreach (var kind in performed.Distinct())
            {
                shown[kind]++;
                met[kind] += passed ? 1 : 0;
            }
            if (!passed)
            {
                failures.Add($"session {sessions} ({string.Join(", ", performed)}): {text}\n{client.ChallengeFailures()}");
            }
        }
        var table = string.Join(", ", ReactiveCamera.Kinds.Select(k => $"{k} {met[k.ToString()]}/{shown[k.ToString()]}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{sessions} sessions, met/shown per kind: {table}");
        await File.AppendAllLinesAsync(Path.Combine(Artifacts.Directory, "kinds.txt"),
            [$"reactive camera, default pool: {sessions} sessions, {failures.Count} failed; met/shown per kind: {table}"], TestContext.Current.CancellationToken);
        Assert.True(met.Values.All(n => n > 0), $"kinds never met in {sessions} sessions: {table}\n{string.Join("\n", failures)}");
        Assert.True(failures.Count <= 1, $"{failures.Count} of {sessions} genuine sessions failed: {table}\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// Issue 24, item 6: a still photo is told apart from a missed gesture: the page says no live face was seen, not
    /// only that a challenge was not met.
    /// </summary>
    [Fact]
    public async Task StillPhotoCamera_FailsWithTheDistinctNoLiveFaceReason()
    {
        await using var client = await browser.OpenAsync(stillCamera: true);
        await client.CreateIdentityAsync("hank", "Hank");

        var (passed, _, text) = await client.VerifyAsync();

        Assert.False(passed, text);
        Assert.Contains("did not pass", text);
        Assert.Contains("did not move at all", text);
        Assert.Contains("photo or a still picture cannot pass", text);
        await Expect(client.Page.Locator("#start-verification")).ToHaveTextAsync("Try again");
        await Artifacts.ScreenshotAsync(client.Page, "07-verify-failed-still-photo");
        await client.Page.SetViewportSizeAsync(360, 800);
        await Artifacts.ScreenshotAsync(client.Page, "07b-verify-failed-still-photo-360");
        await Accessibility.AssertNoSeriousViolationsAsync(client.Page, "verify failed at 360 px");
    }

    /// <summary>
    /// Issue 24, item 6: while a gesture is asked the countdown is the gesture's reaction window (8 s), not the session's
    /// 2 minutes; Cancel ends the session on the server too: after two cancelled sessions (the open-session limit is 2)
    /// a third starts (and is cancelled). That a genuine session passes is the other tests' job: here a third session
    /// right after two cancels once met a camera still set on the cancelled gesture (a CI run), which says nothing about Cancel.
    /// </summary>
    [Fact]
    public async Task Countdown_IsTheGesturesReactionWindow_AndCancelEndsTheSession()
    {
        await using var client = await browser.OpenAsync();
        await client.CreateIdentityAsync("cora", "Cora");
        await client.NavigateAsync("/verify");
        var countdown = client.Page.Locator(".countdown");
        for (var i = 0; i < 3; i++)
        {
            await client.Page.Locator("#start-verification").ClickAsync();
            await Expect(countdown).ToHaveTextAsync(new Regex(@"^\d s for this gesture$"), new() { Timeout = 20_000 });
            var seconds = int.Parse((await countdown.InnerTextAsync()).Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 8);
            if (i == 0)
            {
                await Artifacts.ScreenshotAsync(client.Page, "05b-verify-gesture-countdown");
                await client.Page.SetViewportSizeAsync(360, 800);
                await Artifacts.ScreenshotAsync(client.Page, "05c-verify-gesture-countdown-360");
                await Accessibility.AssertNoSeriousViolationsAsync(client.Page, "verify during a gesture at 360 px");
                await client.Page.SetViewportSizeAsync(1280, 860);
            }
            await client.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Expect(client.Page.Locator("#verify-result")).ToContainTextAsync("You cancelled the check");
            await Expect(client.Page.Locator("#start-verification")).ToBeEnabledAsync();
            await Expect(client.Page.Locator("#cancel-verification")).ToBeHiddenAsync();
            await Expect(countdown).ToHaveTextAsync("");
        }
        await Artifacts.ScreenshotAsync(client.Page, "05d-verify-cancelled");

        Assert.True(client.ConsoleErrors.Count == 0, string.Join("\n", client.ConsoleErrors));
    }
}
