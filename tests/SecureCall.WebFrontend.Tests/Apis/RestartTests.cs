using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Security.Audit;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

public sealed class RestartTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();

    [Fact]
    public async Task Restart_OnSameDataDirectory_KeepsUsersKeysPasswordsTokensAndAuditChain()
    {
        using var alice = new BrowserIdentity("alice");
        string tokenBeforeRestart;
        long auditRecordsBefore;
        await using (var first = new SecureCallFactory(_directory.Path))
        {
            var http = first.CreateClient();
            Assert.Equal(HttpStatusCode.Created, (await alice.RegisterAsync(http)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/auth/register", new { username = "bob", password = "bob's password" })).StatusCode);
            tokenBeforeRestart = await alice.LoginAsync(http);
            var verification = await first.Services.GetRequiredService<IAuditLog>().VerifyAsync();
            Assert.True(verification.IsIntact);
            auditRecordsBefore = verification.RecordsChecked;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var second = new SecureCallFactory(_directory.Path);
        var again = second.CreateClient();

        var keys = await again.GetFromJsonAsync<JsonElement>("/api/users/alice/keys");
        Assert.Equal(alice.Fingerprint, keys.GetProperty("signingKey").GetProperty("fingerprint").GetString());
        Assert.False(string.IsNullOrEmpty(await alice.LoginAsync(again)));
        (await again.PostAsJsonAsync("/api/auth/login", new { username = "bob", password = "bob's password" })).EnsureSuccessStatusCode();
        var validation = await (await again.PostAsJsonAsync("/token/validate", new { token = tokenBeforeRestart })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(validation.GetProperty("valid").GetBoolean(), "the signing key must persist across restarts");
        var audit = await second.Services.GetRequiredService<IAuditLog>().VerifyAsync();
        Assert.True(audit.IsIntact, audit.Reason);
        Assert.True(audit.RecordsChecked > auditRecordsBefore);
    }

    public void Dispose() => _directory.Dispose();
}
