namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>Where a proof-of-life session is; the last four are final.</summary>
public enum VerificationState
{
    Created = 0,
    Streaming = 1,
    Passed = 2,
    Failed = 3,
    Expired = 4,
    Terminated = 5,
}
