namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// The claims of the access tokens this system issues, and the <c>amr</c> (authentication methods) values they carry:
/// spelled once, for the silo that issues tokens and the frontends that read them.
/// </summary>
public static class ClaimNames
{
    /// <summary>The user id.</summary>
    public const string Subject = "sub";

    /// <summary>How the user authenticated: any of <see cref="Signature"/>, <see cref="Liveness"/>, <see cref="Face"/>, <see cref="Password"/>.</summary>
    public const string AuthenticationMethods = "amr";

    /// <summary>The proof-of-life session that granted the token.</summary>
    public const string SessionId = "sid";

    /// <summary>
    /// With <see cref="Face"/>: the id of the enrolled template the face matched, so replacing that face can require a
    /// face unlock against the current template and not an earlier one.
    /// </summary>
    public const string FaceTemplate = "ftid";

    /// <summary>That session's verification score (0–1).</summary>
    public const string Score = "score";

    /// <summary><c>amr</c> value: a signature with the device key over a login challenge.</summary>
    public const string Signature = "sig";

    /// <summary><c>amr</c> value: a passed proof-of-life session.</summary>
    public const string Liveness = "live";

    /// <summary><c>amr</c> value: the live face matched the enrolled face.</summary>
    public const string Face = "face";

    /// <summary><c>amr</c> value: a password (seed contract).</summary>
    public const string Password = "pwd";
}
