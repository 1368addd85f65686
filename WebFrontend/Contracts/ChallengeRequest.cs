namespace SecureCall.WebFrontend.Contracts;

/// <summary>Asks for a single-use signature challenge for <paramref name="UserId"/>.</summary>
public sealed record ChallengeRequest(string? UserId);
