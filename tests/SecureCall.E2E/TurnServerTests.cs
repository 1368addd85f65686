using System.Net;
using SecureCall.E2E.Turn;

namespace SecureCall.E2E;

/// <summary>
/// The shipped coturn settings (deploy/coturn/turnserver.conf) speaking TURN: a credential in the frontend's form
/// gets a relay; an expired one, one signed with another secret or one whose expiry was pushed back is refused (401);
/// and an allocation cannot be pointed at private or link-local addresses (403), only at what the deployment allows.
/// </summary>
public sealed class TurnServerTests(CoturnFixture fixture) : IClassFixture<CoturnFixture>
{
    private CoturnProcess Coturn => fixture.Coturn;

    [Fact]
    public async Task Allocate_WithTheFrontendsCredential_GetsARelayOnLoopback()
    {
        using var client = new TurnClient(Coturn.Endpoint);
        var (username, password) = TurnCredential.Create(Coturn.Secret, "turn-valid", DateTimeOffset.UtcNow.AddHours(1));

        var (error, relayed) = await client.AllocateAsync(username, password, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(IPAddress.Loopback, relayed!.Address);
        Assert.InRange(relayed.Port, Coturn.FirstRelayPort, Coturn.LastRelayPort);
    }

    [Fact]
    public async Task Allocate_WithACredentialSignedByAnotherSecret_IsRefused()
    {
        using var client = new TurnClient(Coturn.Endpoint);
        var (username, password) = TurnCredential.Create("not-" + Coturn.Secret, "turn-forged", DateTimeOffset.UtcNow.AddHours(1));

        var (error, relayed) = await client.AllocateAsync(username, password, TestContext.Current.CancellationToken);

        Assert.Equal(401, error);
        Assert.Null(relayed);
    }

    [Fact]
    public async Task Allocate_WithAnExpiredCredential_IsRefused()
    {
        using var client = new TurnClient(Coturn.Endpoint);
        // Signed with the right secret, as the frontend issued it an hour and a minute ago (lifetime 1 h).
        var (username, password) = TurnCredential.Create(Coturn.Secret, "turn-expired", DateTimeOffset.UtcNow.AddMinutes(-1));

        var (error, relayed) = await client.AllocateAsync(username, password, TestContext.Current.CancellationToken);

        Assert.Equal(401, error);
        Assert.Null(relayed);
    }

    [Fact]
    public async Task Allocate_WithAnExpiredCredentialsExpiryPushedBack_IsRefused()
    {
        using var client = new TurnClient(Coturn.Endpoint);
        var issued = DateTimeOffset.UtcNow.AddMinutes(-1);
        var (username, password) = TurnCredential.Create(Coturn.Secret, "turn-extended", issued);
        var extended = username.Replace(issued.ToUnixTimeSeconds().ToString(), issued.AddDays(1).ToUnixTimeSeconds().ToString());

        var (error, _) = await client.AllocateAsync(extended, password, TestContext.Current.CancellationToken);

        Assert.Equal(401, error);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata services
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.2")] // loopback other than the one address the local set-up allows
    [InlineData("224.0.0.1")]
    public async Task Permission_ForAPrivateOrReservedPeer_IsRefused(string peer)
    {
        using var client = new TurnClient(Coturn.Endpoint);
        var (username, password) = TurnCredential.Create(Coturn.Secret, $"turn-peer-{peer}", DateTimeOffset.UtcNow.AddHours(1));
        Assert.Null((await client.AllocateAsync(username, password, TestContext.Current.CancellationToken)).Error);

        Assert.Equal(403, await client.CreatePermissionAsync(IPAddress.Parse(peer), TestContext.Current.CancellationToken));
        // The allocation itself works: the address the local set-up allows is accepted.
        Assert.Null(await client.CreatePermissionAsync(IPAddress.Loopback, TestContext.Current.CancellationToken));
    }
}
