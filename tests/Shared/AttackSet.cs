using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Tests.Shared;

/// <summary>
/// The presentation attacks of issue 13 (item 8), built as an attacker with a printer, scissors and a phone would,
/// from one sample photo of the person, and the genuine stand-in (<see cref="RenderedHead"/>) for comparison.
/// Print frames come from <see cref="PrintAttackFrames"/> (a pinhole camera looking at a plane or a folded plane),
/// screen replays from <see cref="ScreenReplayFrames"/>, edited photos from <see cref="SampleFaceFrames"/>.
/// </summary>
public static class AttackSet
{
    public const string StillPrint = "still print";
    public const string HandHeldPrint = "hand-held print";
    public const string TiltedPrint = "print tilted about both axes";
    public const string ScreenReplay = "screen replay (moiré)";
    public const string PaperCutOut = "paper cut-out (painted eyes/mouth)";
    public const string FoldedPrint = "folded print";
    public const string EditedSequence = "mirrored/edited photo sequence";
    public const string FaceSwap = "face swap mid-session";

    public static IReadOnlyList<string> Names => [StillPrint, HandHeldPrint, TiltedPrint, ScreenReplay, PaperCutOut, FoldedPrint, EditedSequence, FaceSwap];

    /// <summary>The genuine stand-in: the rendered head rests, then performs what is shown.</summary>
    public static PresentationAttack Genuine(RenderedHead head) =>
        new("genuine (rendered 3-D head)", _ => head.Rest(), (_, kind) => head.Perform(kind));

    /// <summary>
    /// Attack <paramref name="name"/> against the person of <paramref name="photo"/> (its sample photo and mesh;
    /// <paramref name="recording"/> is a recording of that person, <paramref name="other"/> someone else's).
    /// </summary>
    public static PresentationAttack Build(string name, PrintAttackFrames print, SampleFaceFrames photo, RenderedHead recording, RenderedHead other, int seed)
    {
        var random = new Random(seed);
        // Which way the attacker tilts or turns the picture for a turn or nod (its sign is found by trying).
        (float Yaw, float Pitch) Towards(ChallengeKind kind) => kind switch
        {
            ChallengeKind.TurnHeadLeft => (35, 0),
            ChallengeKind.TurnHeadRight => (-35, 0),
            ChallengeKind.LookUp => (0, 35),
            ChallengeKind.Nod => (0, -35),
            _ => (0, 0),
        };
        IReadOnlyList<byte[]> Tilt(ChallengeKind kind, float fold, bool bothAxes)
        {
            var (yaw, pitch) = Towards(kind);
            if (bothAxes)
            {
                (yaw, pitch) = (yaw == 0 ? 25 * (random.Next(2) * 2 - 1) : yaw, pitch == 0 ? 25 * (random.Next(2) * 2 - 1) : pitch);
            }
            return PrintAttackFrames.Path(yaw, pitch, 15).Select(p => print.Frame(p.Yaw, p.Pitch, fold)).ToList();
        }
        IReadOnlyList<byte[]> Repeat(Func<byte[]> frame, int count) => Enumerable.Range(0, count).Select(_ => frame()).ToList();
        IReadOnlyList<byte[]> Edited(ChallengeKind kind) =>
            SampleFaceFrames.Performable.Contains(kind) ? photo.Perform(kind) : Repeat(photo.Rest, 16);

        return name switch
        {
            StillPrint => new(name, _ => print.Frame(0, 0, swayMm: 0), (_, _) => Repeat(() => print.Frame(0, 0, swayMm: 0), 20)),
            HandHeldPrint => new(name, _ => print.Frame(0, 0), (_, kind) => Towards(kind) == (0, 0) ? Repeat(() => print.Frame(0, 0), 20) : Tilt(kind, 0, false)),
            TiltedPrint => new(name, _ => print.Frame(0, 0), (_, kind) => Tilt(kind, 0, bothAxes: true)),
            ScreenReplay => new(name, _ => ScreenReplayFrames.Film(recording.Rest(), random.Next()),
                (_, kind) => RenderedHead.Performable.Contains(kind)
                    ? recording.Perform(kind).Select(f => ScreenReplayFrames.Film(f, random.Next())).ToList()
                    : Repeat(() => ScreenReplayFrames.Film(recording.Rest(), random.Next()), 20)),
            // The painted print swapped in front of the camera for a blink or an open mouth, the plain one otherwise.
            PaperCutOut => new(name, _ => photo.Rest(),
                (_, kind) => kind is ChallengeKind.Blink or ChallengeKind.OpenMouth or ChallengeKind.ShowSurprise ? photo.Perform(kind) : Repeat(photo.Rest, 16)),
            FoldedPrint => new(name, _ => print.Frame(0, 0, fold: 30),
                (_, kind) => Towards(kind) == (0, 0) ? Repeat(() => print.Frame(0, 0, fold: 30), 20) : Tilt(kind, 30, false)),
            EditedSequence => new(name, _ => photo.Rest(), (_, kind) => Edited(kind)),
            FaceSwap => new(name, challenge => challenge == 0 ? recording.Rest() : other.Rest(),
                (challenge, kind) => (challenge == 0 ? recording : other).Perform(kind)),
            _ => throw new ArgumentException($"Unknown attack {name}.", nameof(name)),
        };
    }
}
