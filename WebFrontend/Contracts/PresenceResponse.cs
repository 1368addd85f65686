namespace SecureCall.WebFrontend.Contracts;

/// <summary>Which of the asked users have a browser connected that can be rung right now.</summary>
public sealed record PresenceResponse(IReadOnlyList<string> Online);
