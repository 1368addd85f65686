namespace SecureCall.WebFrontend.Contracts;

/// <summary>Seed contract: <c>{ "token": "…" }</c>.</summary>
public sealed record ValidateTokenRequest(string? Token);
