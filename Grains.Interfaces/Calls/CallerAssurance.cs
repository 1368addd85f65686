namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>What the caller's (or callee's) access token proves: subject, authentication methods, verification score.</summary>
[GenerateSerializer, Immutable, Alias("securecall.assurance")]
public sealed record CallerAssurance(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<string> Amr,
    [property: Id(2)] double? Score);
