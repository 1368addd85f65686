using System.Text.Json;

namespace SecureCall.WebFrontend.Contracts;

/// <summary>Seed contract: whether the token is valid and, if so, its claims.</summary>
public sealed record ValidateTokenResponse(bool Valid, JsonElement? Payload, string? Error);
