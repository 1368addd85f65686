namespace SecureCall.Security.Tokens;

/// <summary>A freshly signed token with its id and lifetime in seconds.</summary>
public sealed record IssuedToken(string Token, string Jti, int ExpiresIn);
