using System.Text.Json.Serialization;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Contracts;

/// <summary>Seed contract plus the SignalR hub and the first challenge.</summary>
public sealed record StartVerificationResponse(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("websocket_url")] string WebSocketUrl,
    [property: JsonPropertyName("hub_url")] string HubUrl,
    [property: JsonPropertyName("status")] VerificationStatus Status);
