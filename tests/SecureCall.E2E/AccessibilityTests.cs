using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// The pages before sign-in pass axe-core at desktop and phone width (360 px, no sideways scrolling), are keyboard
/// operable, and the first page's script stays small. Pages after sign-in are checked in the flows that reach them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280, 860, "desktop")]
    [InlineData(360, 740, "phone")]
    public async Task EntryPages_HaveNoSeriousViolations_AndFitTheWidth(int width, int height, string name)
    {
        await using var client = await browser.OpenAsync();
        await client.Page.SetViewportSizeAsync(width, height);
        await client.CreateIdentityAsync($"ally-{name}", $"Ally {name}");

        foreach (var path in new[] { "/signin", "/create", "/restore" })
        {
            await client.GotoAsync(path);
            await Expect(client.Page.Locator("h1")).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(client.Page, $"{path} at {width} px");
            var overflow = await client.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at {width} px");
            await Artifacts.ScreenshotAsync(client.Page, $"01-{name}{path.Replace('/', '-')}");
        }
    }

    [Fact]
    public async Task SignIn_IsKeyboardOperable()
    {
        await using var client = await browser.OpenAsync();
        await client.CreateIdentityAsync("keyboard", "Kay Board");
        await client.GotoAsync("/signin");

        // Tab from the top of the page to the identity's sign-in button, then press Enter.
        for (var i = 0; i < 12 && await client.Page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.user") != "keyboard"; i++)
        {
            await client.Page.Keyboard.PressAsync("Tab");
        }
        Assert.Equal("keyboard", await client.Page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.user"));
        await client.Page.Keyboard.PressAsync("Enter");

        await Expect(client.Page.Locator("#who")).ToHaveTextAsync("Kay Board");
    }

    [Fact]
    public async Task FirstPageScript_IsAtMost150KiBGzipped()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.Host.BaseUrl) };
        var index = await http.GetStringAsync("/", TestContext.Current.CancellationToken);
        var scripts = Regex.Matches(index, "(?:src|href)=\"(/assets/[^\"]+\\.js)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(scripts);

        long gzipped = 0;
        foreach (var script in scripts)
        {
            var bytes = await http.GetByteArrayAsync(script, TestContext.Current.CancellationToken);
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                await gzip.WriteAsync(bytes, TestContext.Current.CancellationToken);
            }
            gzipped += buffer.Length;
        }

        Artifacts.Measure("JavaScript for the first page, gzipped", gzipped / 1024.0, "KiB", 150);
        Assert.True(gzipped <= 150 * 1024, $"{gzipped / 1024.0:0.0} KiB");
    }
}
