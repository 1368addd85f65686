namespace SecureCall.WebFrontend.Contracts;

/// <summary>One RSA public key in JWK form (RFC 7517).</summary>
public sealed record JsonWebKeyView(string Kty, string Use, string Alg, string Kid, string N, string E);
