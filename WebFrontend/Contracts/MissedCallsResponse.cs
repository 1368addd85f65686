namespace SecureCall.WebFrontend.Contracts;

/// <summary>One missed call: who called and when the call was placed.</summary>
public sealed record MissedCallView(string CallId, string CallerId, DateTimeOffset At);

/// <summary>The calls missed since the signed-in user last looked, oldest first.</summary>
public sealed record MissedCallsResponse(IReadOnlyList<MissedCallView> Calls);
