namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// The closed set of what the verification stream tells the browser, one record per kind (as <c>CallSignal</c> is for
/// calls): <see cref="ChallengeUpdate"/>, <see cref="FeedbackUpdate"/>, <see cref="ChallengeResultUpdate"/>,
/// <see cref="ResultUpdate"/> and <see cref="ErrorUpdate"/>. <see cref="VerificationEvent.From"/> puts each on the wire.
/// <paramref name="Ts"/> echoes the timestamp of the frame the update answers, so a client can match answers to frames.
/// </summary>
public abstract record VerificationUpdate(long? Ts);
