using System.Net;
using Microsoft.AspNetCore.Http;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>The Orleans Dashboard: absent unless an operator turns it on, and then served to loopback requests only.</summary>
public sealed class DashboardTests
{
    private const string Path = "/admin/orleans/";

    [Fact]
    public async Task Dashboard_IsAbsentByDefault()
    {
        using var directory = new TempDataDirectory();
        await using var factory = new SecureCallFactory(directory.Path);

        var response = await GetAsync(factory, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WhenEnabled_ServesLoopbackOnly()
    {
        using var directory = new TempDataDirectory();
        await using var factory = new SecureCallFactory(directory.Path, settings: new Dictionary<string, string> { ["SecureCall:Dashboard:Enabled"] = "true" });

        var local = await GetAsync(factory, IPAddress.Loopback);
        var remote = await GetAsync(factory, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(StatusCodes.Status200OK, local.StatusCode);
        Assert.Contains("Orleans Dashboard", await new StreamReader(local.Body).ReadToEndAsync(TestContext.Current.CancellationToken));
        Assert.Equal(StatusCodes.Status404NotFound, remote.StatusCode);
    }

    private static async Task<HttpResponse> GetAsync(SecureCallFactory factory, IPAddress from)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = Path;
            c.Request.Host = new HostString("localhost");
            c.Connection.RemoteIpAddress = from;
        }, TestContext.Current.CancellationToken);
        return context.Response;
    }
}
