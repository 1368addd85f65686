using System.Net;
using Microsoft.AspNetCore.Http;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// The Orleans Dashboard: absent unless an operator turns it on, and then never on the public port, not even to
/// loopback (behind a reverse proxy every visitor is loopback). ManagementPortTests covers the real sockets.
/// </summary>
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
    public async Task Dashboard_WhenEnabled_IsAbsentFromThePublicPortEvenForLoopback()
    {
        using var directory = new TempDataDirectory();
        await using var factory = new SecureCallFactory(directory.Path, settings: new Dictionary<string, string>
        {
            ["SecureCall:Dashboard:Enabled"] = "true",
            ["SecureCall:Dashboard:Secret"] = "a-dashboard-secret-of-at-least-32-characters",
        });

        var publicPort = await GetAsync(factory, IPAddress.Loopback, localPort: 8080);
        var managementPort = await GetAsync(factory, IPAddress.Loopback, localPort: SecureCallFactory.ManagementPort);

        Assert.Equal(StatusCodes.Status404NotFound, publicPort.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, managementPort.StatusCode);
    }

    private static async Task<HttpResponse> GetAsync(SecureCallFactory factory, IPAddress from, int localPort = 8080)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = Path;
            c.Request.Host = new HostString("localhost");
            c.Connection.RemoteIpAddress = from;
            c.Connection.LocalPort = localPort;
        }, TestContext.Current.CancellationToken);
        return context.Response;
    }
}
