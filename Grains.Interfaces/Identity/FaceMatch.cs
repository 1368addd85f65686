namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// The outcome of comparing a live face with the enrolled template; <paramref name="TemplateId"/> names that template
/// (a new id at every enrolment), for the face-unlock token's <see cref="ClaimNames.FaceTemplate"/> claim.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.face-match")]
public sealed record FaceMatch(
    [property: Id(0)] bool Match,
    [property: Id(1)] double Similarity,
    [property: Id(2)] double Threshold,
    [property: Id(3)] string? TemplateId = null);
