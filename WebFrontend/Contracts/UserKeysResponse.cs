namespace SecureCall.WebFrontend.Contracts;

public sealed record UserKeysResponse(
    string UserId,
    string DisplayName,
    PublicKeyView SigningKey,
    PublicKeyView AgreementKey,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<PublicKeyView> History);
