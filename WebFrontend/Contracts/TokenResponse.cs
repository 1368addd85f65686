namespace SecureCall.WebFrontend.Contracts;

/// <summary>An access token and its lifetime in seconds.</summary>
public sealed record TokenResponse(string Token, int ExpiresIn);
