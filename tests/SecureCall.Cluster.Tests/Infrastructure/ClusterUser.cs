using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Hubs;

namespace SecureCall.Cluster.Tests.Infrastructure;

/// <summary>
/// A person using the cluster the way the browser client does: registers a P-256 key through one frontend, signs in
/// with a signature (a real token issued by a silo), and connects to the call hub of any frontend.
/// </summary>
public sealed class ClusterUser : IAsyncDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Channel<CallSignal> _signals = Channel.CreateUnbounded<CallSignal>();
    private readonly string _fingerprint = SignedCallRequests.NewFingerprint();

    private ClusterUser(string userId) => UserId = userId;

    public string UserId { get; }

    public string Token { get; private set; } = "";

    public HubConnection? Hub { get; private set; }

    public static async Task<ClusterUser> RegisterAsync(Uri frontend, string userId)
    {
        var user = new ClusterUser(userId);
        using var http = new HttpClient { BaseAddress = frontend };
        using var agreement = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var spki = user._key.ExportSubjectPublicKeyInfo();
        var fingerprint = Base64Url.EncodeToString(SHA256.HashData(spki));
        var challenge = await ReadAsync<Challenge>(await http.PostAsJsonAsync("/api/users/challenge", new { userId }));
        await ReadAsync<object>(await http.PostAsJsonAsync("/api/users", new
        {
            userId,
            displayName = userId,
            signingKey = new { alg = "ES256", spki = Base64Url.EncodeToString(spki) },
            agreementKey = new { spki = Base64Url.EncodeToString(agreement.ExportSubjectPublicKeyInfo()) },
            challenge.ChallengeId,
            signature = user.Sign($"securecall/register/v1\n{userId}\n{challenge.ChallengeId}\n{challenge.Nonce}\n{fingerprint}"),
        }));
        return user;
    }

    /// <summary>Signature login through <paramref name="frontend"/>; the token is kept for the hub.</summary>
    public async Task SignInAsync(Uri frontend)
    {
        using var http = new HttpClient { BaseAddress = frontend };
        var challenge = await ReadAsync<Challenge>(await http.PostAsJsonAsync("/api/auth/challenge", new { userId = UserId }));
        var issued = await ReadAsync<Issued>(await http.PostAsJsonAsync("/api/auth/respond", new
        {
            challenge.ChallengeId,
            signature = Sign($"securecall/auth/v1\n{UserId}\n{challenge.ChallengeId}\n{challenge.Nonce}"),
        }));
        Token = issued.Token;
    }

    public async Task ConnectAsync(Uri frontend)
    {
        Hub = new HubConnectionBuilder()
            .WithUrl(new Uri(frontend, "hubs/calls"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(Token);
            })
            .Build();
        Hub.On<RingingSignal>("Ringing", s => _signals.Writer.TryWrite(s));
        Hub.On<AnsweredSignal>("Answered", s => _signals.Writer.TryWrite(s));
        Hub.On<CallStateSignal>("CallState", s => _signals.Writer.TryWrite(s));
        await Hub.StartAsync();
        await Hub.InvokeAsync<string>("WhoAmI");
    }

    public PlaceCallRequest Offer(string calleeId, string callId) => SignedCallRequests.Offer(Sign, UserId, calleeId, callId, _fingerprint);

    public AcceptCallRequest Answer(string callerId, string callId) => SignedCallRequests.Answer(Sign, UserId, callerId, callId, _fingerprint);

    public async Task<T> NextAsync<T>(Func<T, bool> match, TimeSpan timeout) where T : CallSignal
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await _signals.Reader.ReadAsync(limit.Token) is T wanted && match(wanted))
            {
                return wanted;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }
        _key.Dispose();
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, System.Text.Json.JsonSerializerOptions.Web)!;
    }

    private string Sign(string text) => Base64Url.EncodeToString(
        _key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    private sealed record Challenge(string ChallengeId, string Nonce);

    private sealed record Issued(string Token);
}
