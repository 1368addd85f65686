using System.Text.Json.Serialization;

namespace SecureCall.WebFrontend.Contracts;

/// <summary>Seed contract: <c>{ "user_id": "…" }</c>.</summary>
public sealed record StartVerificationRequest([property: JsonPropertyName("user_id")] string? UserId);
