using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// The wire shape of a <see cref="VerificationUpdate"/>, the same on the verification hub (<c>Verification</c>) and the
/// seed WebSocket: <c>{type, message, status, ts}</c> with <c>type</c> one of <c>challenge</c>, <c>feedback</c>,
/// <c>challenge_result</c>, <c>result</c> or <c>error</c>.
/// </summary>
public sealed record VerificationEvent(string Type, string Message, VerificationStatus? Status, long? Ts = null)
{
    /// <summary>The one place the kinds get their wire names.</summary>
    public static VerificationEvent From(VerificationUpdate update) => update switch
    {
        ChallengeUpdate challenge => new("challenge", challenge.Status.Current?.Instruction ?? challenge.Status.Reason, challenge.Status, challenge.Ts),
        FeedbackUpdate feedback => new("feedback", feedback.Hint, feedback.Status, feedback.Ts),
        ChallengeResultUpdate result => new("challenge_result", result.Result, result.Status, result.Ts),
        ResultUpdate result => new("result", result.Status.Reason, result.Status, result.Ts),
        ErrorUpdate error => new("error", error.Problem, null, error.Ts),
        _ => throw new NotSupportedException($"Unknown verification update {update.GetType().Name}."),
    };
}
