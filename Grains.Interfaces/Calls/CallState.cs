namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>Where a call is in its life; the last five are terminal.</summary>
public enum CallState
{
    None = 0,
    Ringing = 1,
    Accepted = 2,
    Connected = 3,
    Ended = 4,
    Rejected = 5,
    Missed = 6,
    Busy = 7,
    Failed = 8,
}
