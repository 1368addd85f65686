using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>What a browser holds and does: WebCrypto-style keys and the register/login exchanges over HTTP.</summary>
public sealed class BrowserIdentity(string userId) : IDisposable
{
    public string UserId { get; } = userId;
    public ECDsa Signing { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ECDiffieHellman Agreement { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public string SigningSpki => Base64Url.EncodeToString(Signing.ExportSubjectPublicKeyInfo());
    public string AgreementSpki => Base64Url.EncodeToString(Agreement.ExportSubjectPublicKeyInfo());
    public string Fingerprint => Base64Url.EncodeToString(SHA256.HashData(Signing.ExportSubjectPublicKeyInfo()));

    public string Sign(string text) => Base64Url.EncodeToString(
        Signing.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public async Task<Challenge> RequestChallengeAsync(HttpClient http, string path)
    {
        var response = await http.PostAsJsonAsync(path, new { userId = UserId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Challenge>())!;
    }

    public object Registration(Challenge challenge, string? password = null) => new
    {
        userId = UserId,
        displayName = $"User {UserId}",
        signingKey = new { alg = "ES256", spki = SigningSpki },
        agreementKey = new { spki = AgreementSpki },
        password,
        challengeId = challenge.ChallengeId,
        signature = Sign($"securecall/register/v1\n{UserId}\n{challenge.ChallengeId}\n{challenge.Nonce}\n{Fingerprint}"),
    };

    public async Task<HttpResponseMessage> RegisterAsync(HttpClient http, string? password = null)
    {
        var challenge = await RequestChallengeAsync(http, "/api/users/challenge");
        return await http.PostAsJsonAsync("/api/users", Registration(challenge, password));
    }

    public object Response(Challenge challenge) => new
    {
        challengeId = challenge.ChallengeId,
        signature = Sign($"securecall/auth/v1\n{UserId}\n{challenge.ChallengeId}\n{challenge.Nonce}"),
    };

    public async Task<string> LoginAsync(HttpClient http)
    {
        var challenge = await RequestChallengeAsync(http, "/api/auth/challenge");
        var response = await http.PostAsJsonAsync("/api/auth/respond", Response(challenge));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
    }

    public void Dispose()
    {
        Signing.Dispose();
        Agreement.Dispose();
    }

    public sealed record Challenge(string ChallengeId, string Nonce, DateTimeOffset ExpiresAt);

    public sealed record TokenBody(string Token, int ExpiresIn);
}
