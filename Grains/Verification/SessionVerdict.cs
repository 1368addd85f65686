namespace SecureCall.Grains.Verification;

/// <summary>What <see cref="SessionDecision"/> concluded: passed, or failed with the reason the user is told.</summary>
public sealed record SessionVerdict(bool Passed, string Reason)
{
    /// <summary>The session passes (the caller still words the success message).</summary>
    public static SessionVerdict Pass { get; } = new(true, "passed");

    /// <summary>The session fails for <paramref name="reason"/>.</summary>
    public static SessionVerdict Fail(string reason) => new(false, reason);
}
