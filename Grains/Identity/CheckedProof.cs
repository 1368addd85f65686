namespace SecureCall.Grains.Identity;

/// <summary>
/// What a validated <see cref="SecureCall.Grains.Interfaces.Identity.IdentityProof"/> showed: its token id, <c>amr</c>,
/// issue time, and, for a face unlock, the enrolled template its face matched. Rules and audit records read it.
/// </summary>
public sealed record CheckedProof(string Jti, IReadOnlyList<string> Methods, DateTimeOffset IssuedAt, string? FaceTemplateId)
{
    /// <summary>How long before <paramref name="now"/> the token was issued (never negative).</summary>
    public TimeSpan AgeAt(DateTimeOffset now) => now > IssuedAt ? now - IssuedAt : TimeSpan.Zero;

    /// <summary>For the audit log: which proof allowed the change, and how old it was.</summary>
    public string Describe(DateTimeOffset now) => $"amr {string.Join(' ', Methods)}, token {Jti} issued {AgeAt(now).TotalSeconds:0} s before";
}
