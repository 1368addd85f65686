namespace SecureCall.WebFrontend.Contracts;

public sealed record HealthResponse(string Status, string Version, DateTimeOffset Time);
