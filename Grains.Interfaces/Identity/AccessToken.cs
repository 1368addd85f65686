namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>A signed RS256 access token and its lifetime in seconds.</summary>
[GenerateSerializer, Immutable, Alias("securecall.access-token")]
public sealed record AccessToken(
    [property: Id(0)] string Token,
    [property: Id(1)] int ExpiresIn);
