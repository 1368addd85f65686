using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>What became of one frame: the session's feedback, or a problem (<c>"Code: message"</c>) to report to the client (never both).</summary>
public sealed record FrameOutcome(FrameFeedback? Feedback, string? ProblemText)
{
    public static FrameOutcome Answered(FrameFeedback feedback) => new(feedback, null);

    public static FrameOutcome Problem(string text) => new(null, text);

    /// <summary>Whether the problem has code <paramref name="code"/> (e.g. <c>RateLimited</c>).</summary>
    public bool Is(string code) => ProblemText is { } text && text.StartsWith(code + ":", StringComparison.Ordinal);
}
