using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// The first steps of a new person: restore is offered on the first page, and user ids (their own and a contact's)
/// are lower-cased as typed and checked, with the exact rule, before anything is sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentityEntryTests(BrowserFixture browser)
{
    [Fact]
    public async Task FirstPage_OffersRestoreInOneClick()
    {
        await using var client = await browser.OpenAsync();
        await client.GotoAsync("/");
        await Expect(client.Page.GetByRole(AriaRole.Heading, new() { Name = "Create your identity" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(client.Page, "23-first-page-1280");
        await client.Page.SetViewportSizeAsync(360, 740);
        await Artifacts.ScreenshotAsync(client.Page, "23-first-page-360");

        await client.Page.GetByRole(AriaRole.Link, new() { Name = "Restore from a backup" }).ClickAsync();

        await Expect(client.Page.GetByRole(AriaRole.Heading, new() { Name = "Restore from a backup" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UserIds_AreLowerCasedAsTyped_AndCheckedBeforeSubmitting()
    {
        await using var client = await browser.OpenAsync();
        var sent = new List<string>();
        client.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/users", StringComparison.Ordinal))
            {
                lock (sent) sent.Add(request.Url);
            }
        };
        await client.GotoAsync("/create");
        var userId = client.Page.GetByLabel("User id");
        await userId.PressSequentiallyAsync("Pia.Phone");
        await Expect(userId).ToHaveValueAsync("pia.phone");
        await Expect(client.Page.Locator(".field .hint").First).ToContainTextAsync("lower-case letters a–z, digits 0–9, dot (.), dash (-) or underscore (_)");

        await userId.FillAsync("pia phone");
        await client.Page.GetByLabel("Display name").FillAsync("Pia");
        await client.Page.GetByLabel("Create an encrypted backup file of my keys").UncheckAsync();
        await client.Page.GetByRole(AriaRole.Button, new() { Name = "Create identity" }).ClickAsync();
        await Expect(client.Page.Locator(".notice-error")).ToContainTextAsync("cannot contain spaces");
        await Artifacts.ScreenshotAsync(client.Page, "24-user-id-refused-1280");
        lock (sent)
        {
            Assert.Empty(sent);
        }

        await client.CreateIdentityAsync("pia.phone", "Pia");
        await client.NavigateAsync("/calls");
        var contact = client.Page.GetByLabel("Add a contact by user id");
        await contact.PressSequentiallyAsync("BEN");
        await Expect(contact).ToHaveValueAsync("ben");
        await contact.FillAsync("be/n");
        await client.Page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await Expect(client.Page.Locator(".notice-error")).ToContainTextAsync("cannot contain “/”");
        await Accessibility.AssertNoSeriousViolationsAsync(client.Page, "contact id refused");
        await client.Page.SetViewportSizeAsync(360, 740);
        await Artifacts.ScreenshotAsync(client.Page, "24-contact-id-refused-360");
        lock (sent)
        {
            Assert.DoesNotContain(sent, url => url.Contains("be/n", StringComparison.Ordinal) || url.Contains("be%2Fn", StringComparison.Ordinal));
        }
    }
}
