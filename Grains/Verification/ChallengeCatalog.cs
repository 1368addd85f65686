using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>Instruction text and type (gesture or expression) of each challenge kind.</summary>
public static class ChallengeCatalog
{
    /// <summary>Turns and nods: a real head shows 3-D parallax in them, a print does not (their texture is followed).</summary>
    public static bool NeedsParallax(ChallengeKind kind) =>
        kind is ChallengeKind.TurnHeadLeft or ChallengeKind.TurnHeadRight or ChallengeKind.LookUp or ChallengeKind.Nod;

    /// <summary>Smiles and surprise: judged with the emotion model as well as the geometry, so only they need it run.</summary>
    public static bool IsExpression(ChallengeKind kind) => kind is ChallengeKind.Smile or ChallengeKind.ShowSurprise;

    public static string TypeOf(ChallengeKind kind) => IsExpression(kind) ? "expression" : "gesture";

    public static string InstructionFor(ChallengeKind kind) => kind switch
    {
        ChallengeKind.Blink => "Blink your eyes",
        ChallengeKind.TurnHeadLeft => "Turn your head to your left, then back",
        ChallengeKind.TurnHeadRight => "Turn your head to your right, then back",
        ChallengeKind.LookUp => "Look up, then back at the camera",
        ChallengeKind.Nod => "Nod your head",
        ChallengeKind.Smile => "Smile",
        ChallengeKind.OpenMouth => "Open your mouth, then close it",
        ChallengeKind.RaiseEyebrows => "Raise your eyebrows, then relax",
        ChallengeKind.ShowSurprise => "Look surprised",
        _ => kind.ToString(),
    };
}
