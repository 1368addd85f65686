using System.Net;
using System.Net.Http.Json;

namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>An RFC 7807 body as the API writes it.</summary>
public sealed record Problem(string? Type, string? Title, int? Status, string? Detail, string? Code)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>();
        Assert.NotNull(problem);
        Assert.Equal((int)expected, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }
}
