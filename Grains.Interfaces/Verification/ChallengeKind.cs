namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>The liveness challenges a session can draw from.</summary>
public enum ChallengeKind
{
    /// <summary>Not a challenge: what a session shows during the random pause before an instruction appears.</summary>
    Hidden = 0,
    Blink = 1,
    TurnHeadLeft = 2,
    TurnHeadRight = 3,
    LookUp = 4,
    Nod = 5,
    Smile = 6,
    OpenMouth = 7,
    RaiseEyebrows = 8,
    ShowSurprise = 9,
}
