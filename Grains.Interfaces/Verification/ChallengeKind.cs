namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>The liveness challenges a session can draw from.</summary>
public enum ChallengeKind
{
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
