namespace SecureCall.WebFrontend.Contracts;

/// <summary>Seed-compatible password account creation.</summary>
public sealed record PasswordRegisterRequest(string? Username, string? Email, string? Password);
