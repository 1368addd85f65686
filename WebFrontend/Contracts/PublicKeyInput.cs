namespace SecureCall.WebFrontend.Contracts;

/// <summary>A public key as a browser exports it: SPKI DER in base64url; <paramref name="Alg"/> only for signing keys.</summary>
public sealed record PublicKeyInput(string? Alg, string? Spki);
