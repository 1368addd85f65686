using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>Creating an identity, signing in with the stored key after a reload, and the encrypted key backup.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentityTests(BrowserFixture browser)
{
    [Fact]
    public async Task Register_StoresNonExtractableKeys_AndSignsInAfterAReload()
    {
        await using var client = await browser.OpenAsync();
        await client.CreateIdentityAsync("erin", "Erin Example");
        await Artifacts.ScreenshotAsync(client.Page, "02-identity-created");

        var exportable = await client.Page.EvaluateAsync<string[]>("""
            () => new Promise((resolve, reject) => {
              const open = indexedDB.open('securecall');
              open.onsuccess = () => {
                const get = open.result.transaction('identities').objectStore('identities').get('erin');
                get.onsuccess = async () => {
                  const id = get.result; const out = [];
                  for (const key of [id.signingKey, id.agreementKey]) {
                    try { await crypto.subtle.exportKey('pkcs8', key); out.push('exported'); } catch (e) { out.push(e.name); }
                  }
                  resolve(out);
                };
                get.onerror = () => reject(get.error);
              };
            })
            """);
        Assert.Equal(["InvalidAccessError", "InvalidAccessError"], exportable);

        await client.Page.ReloadAsync();
        // The sign-in card says who, not how: no algorithm name, no key fingerprint (people compare safety numbers).
        await client.GotoAsync("/signin");
        var card = client.Page.Locator(".identity-card");
        await Expect(card).ToContainTextAsync("@erin");
        await Expect(card).Not.ToContainTextAsync("ES256");
        await Expect(card).Not.ToContainTextAsync("key");
        await Artifacts.ScreenshotAsync(client.Page, "03-sign-in-1280");
        var elapsed = await client.SignInAsync("erin");
        await Expect(client.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/verify$"));
        await Expect(client.Page.Locator("#who")).ToHaveTextAsync("Erin Example");
        Artifacts.Measure("sign-in (click → signed-in page)", elapsed.TotalMilliseconds, "ms", 300);
        Assert.True(client.ConsoleErrors.Count == 0, string.Join("\n", client.ConsoleErrors));
    }

    [Fact]
    public async Task KeyBackup_RestoresInAFreshProfile_AndRefusesAWrongPassphrase()
    {
        const string passphrase = "orange kettle mountain 42";
        string backupFile;
        await using (var first = await browser.OpenAsync())
        {
            await first.CreateIdentityAsync("frank", "Frank", passphrase);
            var download = await first.Page.RunAndWaitForDownloadAsync(() => first.Page.Locator("#download-backup").ClickAsync());
            backupFile = Path.Combine(Artifacts.Directory, "frank.backup.json");
            await download.SaveAsAsync(backupFile);
        }
        Assert.Contains("\"format\": \"securecall-key-backup\"", await File.ReadAllTextAsync(backupFile, TestContext.Current.CancellationToken));

        await using var second = await browser.OpenAsync();
        await second.GotoAsync("/restore");
        await second.Page.GetByLabel("Backup file").SetInputFilesAsync(backupFile);
        await second.Page.GetByLabel("Passphrase").FillAsync("not the passphrase");
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Restore and sign in" }).ClickAsync();
        await Expect(second.Page.Locator(".notice-error")).ToContainTextAsync("passphrase does not open this backup", new() { Timeout = 20_000 });
        await Artifacts.ScreenshotAsync(second.Page, "04-restore-wrong-passphrase");

        await second.Page.GetByLabel("Passphrase").FillAsync(passphrase);
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Restore and sign in" }).ClickAsync();
        await Expect(second.Page.Locator("#who")).ToHaveTextAsync("Frank", new() { Timeout = 20_000 });
        await Expect(second.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/verify$"));
        // A wrong passphrase is an expected refusal, shown on the page; it is not a console error.
        Assert.True(second.ConsoleErrors.Count == 0, string.Join("\n", second.ConsoleErrors));
    }
}
