using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// A body over the limit is 413 whether or not the client announced its length: a chunked body is cut off while it
/// is read, and that refusal is the same problem as the one for a Content-Length over the limit.
/// </summary>
public sealed class RequestBodyLimitTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const int OverLimitBytes = 200 * 1024;
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverTheLimit_Is413_WithOrWithoutContentLength(bool announced)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"userId\":\"{new string('a', OverLimitBytes)}\"}}");
        HttpContent content = announced ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = content };
        request.Headers.TransferEncodingChunked = !announced;

        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("PayloadTooLarge", problem.Code);
    }

    [Fact]
    public async Task ChunkedBodyWithinTheLimit_IsRead()
    {
        var body = Encoding.UTF8.GetBytes("{\"userId\":\"chunk-alice\"}");
        var content = new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users/challenge") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_WithoutAToken_Is401_BeforeTheBodyIsRead()
    {
        // A frame burst may be 6 MiB: only a request that passed authentication and rate limiting is read ahead.
        var content = new StreamContent(new UnseekableStream(new byte[7 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/face-verify") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>A body whose length the client cannot know in advance (it goes out chunked).</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
