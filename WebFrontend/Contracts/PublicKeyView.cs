namespace SecureCall.WebFrontend.Contracts;

/// <summary>A registered public key as the API shows it.</summary>
public sealed record PublicKeyView(string Alg, string Spki, string Fingerprint, DateTimeOffset AddedAt, DateTimeOffset? RetiredAt);
