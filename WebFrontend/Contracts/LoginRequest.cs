namespace SecureCall.WebFrontend.Contracts;

/// <summary>Seed-compatible password login.</summary>
public sealed record LoginRequest(string? Username, string? Password);
