using System.Text.Json.Serialization;

namespace SecureCall.WebFrontend.Contracts;

/// <summary>
/// Seed contract: <c>{ "user_id": "…" }</c>. <c>enroll_face</c> (optional): when the session passes and the user has
/// no enrolled face yet, the session's face becomes the enrolled template.
/// </summary>
public sealed record StartVerificationRequest(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("enroll_face")] bool EnrollFace = false);
