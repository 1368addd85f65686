namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// The assurance of one live token (<c>amr</c> with <c>live</c>, perhaps <c>face</c>), kept by the user's grain for the
/// token's lifetime and bound to the signing key that was registered when it was issued. After a reload the browser
/// redeems it with a fresh signature over a fresh challenge and gets a token with the same <c>amr</c> and the same
/// expiry, never a later one. Holds nothing secret: the token itself is not stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.liveness-grant")]
public sealed record LivenessGrant(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string[] Amr,
    [property: Id(2)] string? SessionId,
    [property: Id(3)] double? Score,
    [property: Id(4)] string? FaceTemplateId,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] string KeyFingerprint);
