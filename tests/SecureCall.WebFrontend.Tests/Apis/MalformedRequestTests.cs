using System.Net;
using System.Net.Http.Json;
using System.Text;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Malformed requests are problems with a code whose text names the JSON field at fault and nothing of the server's
/// insides: no .NET type ("could not be converted to System.String", 'parameter "ChallengeRequest request"'), no
/// framework message, and a refused Host header is a problem too.
/// </summary>
public sealed class MalformedRequestTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Theory]
    [InlineData("/api/users/challenge", "{\"userId\": 42}", "$.userId")]
    [InlineData("/api/users/challenge", "{\"userId\": {\"a\": 1}}", "$.userId")]
    [InlineData("/api/users/challenge", "{\"userId\": [\"alice\"]}", "$.userId")]
    [InlineData("/api/auth/challenge", "{\"userId\": true}", "$.userId")]
    [InlineData("/api/users", "{\"userId\": \"alice\", \"signingKey\": \"ES256\"}", "$.signingKey")]
    [InlineData("/api/users", "{\"userId\": \"alice\", \"signingKey\": {\"alg\": 7}}", "$.signingKey.alg")]
    [InlineData("/api/auth/respond", "{\"challengeId\": [1], \"signature\": \"AAAA\"}", "$.challengeId")]
    [InlineData("/api/auth/login", "{\"username\": \"bob\", \"password\": 12345678}", "$.password")]
    [InlineData("/api/auth/register", "{\"username\": 1, \"password\": \"a long password\"}", "$.username")]
    [InlineData("/token/validate", "{\"token\": 5}", "$.token")]
    public async Task WrongJsonType_Is400NamingTheFieldAndNoDotNetType(string path, string body, string field)
    {
        var response = await _http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await ReadCleanProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("MalformedRequest", problem.Code);
        Assert.Contains(field, problem.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"alice\"")]
    [InlineData("{\"userId\":")]
    [InlineData("not json")]
    [InlineData("{\"userId\": \"alice\",}")]
    public async Task MissingOrBrokenBody_Is400WithoutDotNetTypes(string body)
    {
        var response = await _http.PostAsync("/api/users/challenge", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await ReadCleanProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("MalformedRequest", problem.Code);
    }

    [Fact]
    public async Task BodyThatIsNotJson_Is415Problem()
    {
        var response = await _http.PostAsync("/api/users/challenge", new StringContent("userId=alice", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        var problem = await ReadCleanProblemAsync(response, HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("UnsupportedMediaType", problem.Code);
    }

    [Fact]
    public async Task ForeignHostHeader_IsAProblemWithACode_ThatDoesNotEchoTheHost()
    {
        var evil = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });

        var response = await evil.GetAsync("/health", TestContext.Current.CancellationToken);

        var problem = await ReadCleanProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("HostNotAllowed", problem.Code);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, (await host.Factory.CreateClient(new() { BaseAddress = new Uri("http://[::1]:5000") })
            .GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static async Task<Problem> ReadCleanProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SecureCall.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Request request", text, StringComparison.Ordinal);
        return await Problem.ReadAsync(response, expected);
    }
}
