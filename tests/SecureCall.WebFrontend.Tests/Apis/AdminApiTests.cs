using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Security.Audit;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// <c>GET /api/admin/audit/verify</c>: administrators only (a signature login with the key their id is bound to), a
/// report of the audit chain.
/// </summary>
public sealed class AdminApiTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    private const string VerifyPath = "/api/admin/audit/verify";
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task VerifyAudit_WithoutToken_Is401()
    {
        await Problem.ReadAsync(await _http.GetAsync(VerifyPath, TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task VerifyAudit_ForAUserWhoIsNoAdministrator_Is403WithCode()
    {
        using var eve = new BrowserIdentity("eve-not-admin");
        await eve.RegisterAsync(_http);

        var problem = await Problem.ReadAsync(await GetAsync(_http, await eve.LoginAsync(_http)), HttpStatusCode.Forbidden);

        Assert.Equal("NotAnAdministrator", problem.Code);
    }

    [Fact]
    public async Task VerifyAudit_ForAStrangerWhoRegisteredAVacantAdministratorId_Is403()
    {
        // The operator named the id before its owner registered it; a stranger got there first, with their own key.
        using var squatter = new BrowserIdentity(AdminHostFixture.VacantAdministrator);
        Assert.Equal(HttpStatusCode.Created, (await squatter.RegisterAsync(_http)).StatusCode);

        var problem = await Problem.ReadAsync(await GetAsync(_http, await squatter.LoginAsync(_http)), HttpStatusCode.Forbidden);

        Assert.Equal("NotAnAdministrator", problem.Code);
    }

    [Fact]
    public async Task VerifyAudit_ForAnAdministratorsPasswordLogin_Is403()
    {
        // A password account that then bound the administrator's key to itself: its password login is still no admin.
        var cancellation = TestContext.Current.CancellationToken;
        await _http.PostAsJsonAsync("/api/auth/register", new { username = AdminHostFixture.PasswordAdministrator, password = "correct horse battery" }, cancellation);
        Assert.Equal(HttpStatusCode.Created, (await AdminHostFixture.PasswordAdministratorIdentity.RegisterAsync(_http, "correct horse battery")).StatusCode);
        var login = await _http.PostAsJsonAsync("/api/auth/login", new { username = AdminHostFixture.PasswordAdministrator, password = "correct horse battery" }, cancellation);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("token").GetString()!;

        var problem = await Problem.ReadAsync(await GetAsync(_http, token), HttpStatusCode.Forbidden);

        Assert.Equal("InsufficientAssurance", problem.Code);
    }

    [Fact]
    public async Task Host_WithAdministratorsNamedByIdAlone_RefusesToStart_NamingTheKeyBinding()
    {
        // The old setting granted the role to whoever registered the id first: no longer honoured, and never silently.
        var refusal = await StartRefusalAsync("SecureCall:Admin:UserIds:0", "alice");

        Assert.Contains("SecureCall:Admin:Keys", refusal);
    }

    [Theory]
    [InlineData("root-admin")]
    [InlineData("root-admin=")]
    [InlineData("root-admin=not-a-fingerprint")]
    [InlineData("Not Valid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Host_WithAMalformedAdministratorKey_RefusesToStart(string entry)
    {
        var refusal = await StartRefusalAsync("SecureCall:Admin:Keys:0", entry);

        Assert.Contains("userId=fingerprint", refusal);
    }

    [Fact]
    public async Task VerifyAudit_ForAnAdministrator_ReportsAnIntactChainWithCounts()
    {
        var admin = AdminHostFixture.AdministratorIdentity;
        await admin.RegisterAsync(_http);
        var token = await admin.LoginAsync(_http);
        await host.Factory.Services.GetRequiredService<IAuditLog>().CheckpointHeadAsync();

        var response = await GetAsync(_http, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(report.GetProperty("intact").GetBoolean(), report.GetProperty("reason").GetString());
        Assert.Equal("Intact", report.GetProperty("finding").GetString());
        Assert.True(report.GetProperty("recordsChecked").GetInt64() > 3);
        Assert.True(report.GetProperty("headCheckpointSequence").GetInt64() > 3);
    }

    [Fact]
    public async Task VerifyAudit_AfterTheTailWasCut_ReportsTheMissingTail()
    {
        using var directory = new TempDataDirectory();
        await using var factory = new SecureCallFactory(directory.Path, settings: AdminHostFixture.AdminSettings);
        var http = factory.CreateClient();
        var admin = AdminHostFixture.AdministratorIdentity;
        await admin.RegisterAsync(http);
        var token = await admin.LoginAsync(http);
        var checkpoint = await factory.Services.GetRequiredService<IAuditLog>().CheckpointHeadAsync();
        var head = checkpoint.Checkpoint!.Sequence;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "securecall.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            using var cut = connection.CreateCommand();
            cut.CommandText = $"DELETE FROM audit_record WHERE seq > {head - 2}";
            await cut.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var response = await GetAsync(http, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(report.GetProperty("intact").GetBoolean());
        Assert.Equal("TailMissing", report.GetProperty("finding").GetString());
        Assert.Equal(head - 1, report.GetProperty("firstBadSequence").GetInt64());
    }

    /// <summary>Starts a host with one setting, which must refuse to start; returns the refusal's text.</summary>
    private static async Task<string> StartRefusalAsync(string key, string value)
    {
        using var directory = new TempDataDirectory();
        var factory = new SecureCallFactory(directory.Path, settings: new Dictionary<string, string> { [key] = value });
        var refusal = Assert.ThrowsAny<Exception>(() => factory.Server);
        try
        {
            await factory.DisposeAsync();
        }
        catch (Exception)
        {
            // A host that never started has nothing to stop.
        }
        return refusal.ToString();
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, VerifyPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
