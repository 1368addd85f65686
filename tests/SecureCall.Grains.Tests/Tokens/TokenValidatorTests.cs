using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Tests.Tokens;

public sealed class TokenValidatorTests : IAsyncLifetime
{
    private readonly ServiceFactory _services = new();
    private SigningKeyRing _ring = null!;
    private TokenIssuer _issuer = null!;
    private TokenValidator _validator = null!;

    public ValueTask InitializeAsync()
    {
        _ring = _services.KeyRing();
        var options = Microsoft.Extensions.Options.Options.Create(new TokenOptions());
        _issuer = new TokenIssuer(_ring, options, _services.Clock);
        _validator = new TokenValidator(_ring, options, _services.Clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Issue_ThenValidate_CarriesRequiredClaims()
    {
        var issued = _issuer.Issue("alice", ["sig"]);

        var result = await _validator.ValidateAsync(issued.Token);

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(_ring.Active.KeyId, jwt.Kid);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal(issued.Jti, jwt.Id);
        Assert.Equal(["sig"], jwt.GetPayloadValue<string[]>("amr"));
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal(900, issued.ExpiresIn);
    }

    [Fact]
    public async Task Validate_AlgNone_IsInvalid()
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"sub":"alice","iss":"securecall","aud":"securecall","exp":{{_services.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()}}}"""));

        Assert.False((await _validator.ValidateAsync($"{header}.{payload}.")).IsValid);
    }

    [Fact]
    public async Task Validate_Hs256SignedWithPublicKeyBytes_IsInvalid()
    {
        // The classic confusion attack: HMAC keyed with the server's public key, claiming the server's kid.
        var secret = new SymmetricSecurityKey(_ring.Active.Rsa.ExportSubjectPublicKeyInfo()) { KeyId = _ring.Active.KeyId };
        var token = Create(new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));

        Assert.False((await _validator.ValidateAsync(token)).IsValid);
    }

    [Fact]
    public async Task Validate_UnknownKid_IsInvalid()
    {
        using var foreign = RSA.Create(2048);
        var token = Create(new SigningCredentials(new RsaSecurityKey(foreign) { KeyId = "someone-else" }, SecurityAlgorithms.RsaSha256));

        var result = await _validator.ValidateAsync(token);

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Validate_ForeignKeyClaimingOurKid_IsInvalid()
    {
        using var foreign = RSA.Create(2048);
        var token = Create(new SigningCredentials(new RsaSecurityKey(foreign) { KeyId = _ring.Active.KeyId }, SecurityAlgorithms.RsaSha256));

        Assert.False((await _validator.ValidateAsync(token)).IsValid);
    }

    [Theory]
    [InlineData("other-issuer", "securecall")]
    [InlineData("securecall", "other-audience")]
    public async Task Validate_WrongIssuerOrAudience_IsInvalid(string issuer, string audience)
    {
        var other = new TokenIssuer(_ring, Microsoft.Extensions.Options.Options.Create(new TokenOptions { Issuer = issuer, Audience = audience }), _services.Clock);

        Assert.False((await _validator.ValidateAsync(other.Issue("alice", ["sig"]).Token)).IsValid);
    }

    [Fact]
    public async Task Validate_AfterExpiry_IsInvalid()
    {
        var token = _issuer.Issue("alice", ["sig"]).Token;
        _services.Time.Advance(TimeSpan.FromMinutes(16));

        var result = await _validator.ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public async Task Validate_JustBeforeExpiry_IsValid()
    {
        var token = _issuer.Issue("alice", ["sig"]).Token;
        _services.Time.Advance(TimeSpan.FromMinutes(14));

        Assert.True((await _validator.ValidateAsync(token)).IsValid);
    }

    [Fact]
    public async Task Validate_NotYetValid_IsInvalid()
    {
        var now = _services.Time.GetUtcNow();
        var token = Create(_ring.Credentials, notBefore: now.AddMinutes(10), expires: now.AddMinutes(20));

        var result = await _validator.ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenNotYetValidException>(result.Exception);
    }

    [Fact]
    public async Task Validate_TamperedPayload_IsInvalid()
    {
        var parts = _issuer.Issue("alice", ["sig"]).Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("alice", "mallo");
        var token = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        Assert.False((await _validator.ValidateAsync(token)).IsValid);
    }

    [Fact]
    public void KeyRing_SecondStartOnSameDirectory_ReusesThePersistedKey()
    {
        var again = _services.KeyRing();

        Assert.Equal(_ring.Active.KeyId, again.Active.KeyId);
    }

    [Fact]
    public async Task KeyRing_OperatorPemPath_SignsNewTokensWhileOldKeysStillValidate()
    {
        var oldToken = _issuer.Issue("alice", ["sig"]).Token;
        using var operatorKey = RSA.Create(3072);
        var pem = Path.Combine(_services.DataDirectory, "operator-key.pem");
        await File.WriteAllTextAsync(pem, operatorKey.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        var options = new TokenOptions { SigningKeyPath = pem };
        var rotated = _services.KeyRing(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var validator = new TokenValidator(rotated, wrapped, _services.Clock);

        var newToken = new TokenIssuer(rotated, wrapped, _services.Clock).Issue("alice", ["sig"]).Token;

        Assert.Equal(SigningKeyRing.KeyIdOf(operatorKey), new JsonWebToken(newToken).Kid);
        Assert.True((await validator.ValidateAsync(newToken)).IsValid);
        Assert.True((await validator.ValidateAsync(oldToken)).IsValid);
    }

    private string Create(SigningCredentials credentials, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null)
    {
        var now = _services.Time.GetUtcNow();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "securecall",
            Audience = "securecall",
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "alice")]),
            IssuedAt = now.UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = (expires ?? now.AddMinutes(15)).UtcDateTime,
            SigningCredentials = credentials,
        });
    }
}
