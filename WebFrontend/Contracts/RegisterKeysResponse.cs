namespace SecureCall.WebFrontend.Contracts;

public sealed record RegisterKeysResponse(string UserId, string SigningKeyFingerprint);
