using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// Builds constructed frame sequences: a resting face, then whatever each test changes frame by frame, 66 ms apart
/// (15 frames/s). Every frame gets the landmarks of a <see cref="SyntheticHead"/> at its yaw and pitch (a 3-D head
/// unless the sequence is of a flat or folded print), unless a test set its own, and its texture is where its
/// landmarks are (<see cref="FaceObservation.Tracked"/>: the surface's own points, as a texture tracker would find them).
/// </summary>
public sealed class FaceSequence
{
    public const long FrameIntervalMs = 66;

    private readonly List<FaceObservation> _frames = [];
    private readonly Random _noise;
    private readonly SyntheticHead _head;

    public FaceSequence(int seed = 1, SyntheticHead.Surface surface = SyntheticHead.Surface.Head)
    {
        _noise = new Random(seed);
        _head = new SyntheticHead(surface);
    }

    /// <summary>One person's face embedding (a fixed pseudo-random 1024-d vector); <see cref="OtherPerson"/> is another.</summary>
    public static readonly float[] Person = Embedding(seed: 11);
    public static readonly float[] OtherPerson = Embedding(seed: 12);

    /// <summary>A resting face with the values the real models measure on a frontal photo (docs/verification.md).</summary>
    public static FaceObservation Rest(long t = 0) => new(
        t, true, Yaw: 0, Pitch: 0, Roll: 0, LeftEyeAspect: 0.30f, RightEyeAspect: 0.30f, MouthOpening: 0.04f, SmileWidth: 0.36f,
        BrowRaise: 0.12f, DepthSpread: 0.15f, Motion: 0.01f, Emotions: [0.02f, 0.01f, 0.01f, 0.05f, 0.01f, 0.02f, 0.88f],
        AntiSpoofReal: 0.95f, LivenessLive: 0.95f, Embedding: Person, ScreenGrid: 1.5f, GamutClipped: 0.002f);

    /// <summary>A resting 3-D head with its landmarks, as the session's analysis would give it.</summary>
    public static FaceObservation RestWithLandmarks(long t = 0) => Rest(t) with { Landmarks = new SyntheticHead().Landmarks(0, 0) };

    public FaceSequence Resting(int count) => Add(count, f => f);

    public FaceSequence Add(int count, Func<FaceObservation, FaceObservation> change)
    {
        for (var i = 0; i < count; i++)
        {
            _frames.Add(change(Rest(_frames.Count * FrameIntervalMs)));
        }
        return this;
    }

    /// <summary>
    /// A movement as a person makes it: eased from rest towards <paramref name="peak"/> over <paramref name="ease"/>
    /// frames, held for <paramref name="hold"/> frames, eased back to rest.
    /// </summary>
    public FaceSequence Move(Func<FaceObservation, FaceObservation> peak, int ease = 3, int hold = 4)
    {
        for (var k = 1; k <= ease; k++)
        {
            Add(1, f => Blend(f, peak(f), Eased(k, ease)));
        }
        Add(hold, peak);
        for (var k = 1; k <= ease; k++)
        {
            Add(1, f => Blend(peak(f), f, Eased(k, ease)));
        }
        return this;
    }

    /// <summary>Adds small natural jitter to every angle and ratio, as real measurements have.</summary>
    public FaceSequence WithNoise(float degrees, float ratio)
    {
        for (var i = 0; i < _frames.Count; i++)
        {
            var f = _frames[i];
            _frames[i] = f with
            {
                Yaw = f.Yaw + Jitter(degrees), Pitch = f.Pitch + Jitter(degrees),
                LeftEyeAspect = f.LeftEyeAspect + Jitter(ratio), RightEyeAspect = f.RightEyeAspect + Jitter(ratio),
                MouthOpening = f.MouthOpening + Jitter(ratio), BrowRaise = f.BrowRaise + Jitter(ratio / 4),
            };
        }
        return this;
    }

    /// <summary>The frames, each with the landmarks of the sequence's surface at its pose (unless set).</summary>
    public IReadOnlyList<FaceObservation> Frames => _frames.Select(WithSurface).ToList();

    /// <summary>The sequence as a challenge: its first <paramref name="baseline"/> frames before the instruction, the rest after.</summary>
    public ChallengeFrames Challenge(int baseline = 4)
    {
        var frames = Frames;
        return new ChallengeFrames(frames.Take(baseline).ToList(), frames.Skip(baseline).ToList(), TextureReference: frames[baseline - 1].Landmarks);
    }

    /// <summary>The x, y of each landmark: where a texture tracker finds the surface's points.</summary>
    public static float[] TextureOf(IReadOnlyList<float> landmarks) =>
        Enumerable.Range(0, landmarks.Count / 3).SelectMany(i => new[] { landmarks[3 * i], landmarks[(3 * i) + 1] }).ToArray();

    private FaceObservation WithSurface(FaceObservation f)
    {
        if (!f.FaceFound)
        {
            return f;
        }
        var landmarks = f.Landmarks ?? Smiling(_head.Landmarks(f.Yaw, f.Pitch), f.SmileWidth - Rest().SmileWidth);
        return f with { Landmarks = landmarks, Tracked = f.Tracked ?? TextureOf(landmarks) };
    }

    /// <summary>
    /// The landmarks with the mouth corners moved as a smile moves them: by <paramref name="smile"/> eye-corner
    /// distances of width plus corner lift (<c>SmileGeometry</c>), seven tenths outwards and three tenths upwards.
    /// </summary>
    public static float[] Smiling(IReadOnlyList<float> landmarks, float smile)
    {
        var p = landmarks.ToArray();
        if (smile == 0)
        {
            return p;
        }
        int At(int mesh) => 3 * Array.IndexOf(SecureCall.FaceAnalysis.Measures.LandmarkSubset.MeshIndices, mesh);
        var (ax, ay) = (p[At(263)] - p[At(33)], p[At(263) + 1] - p[At(33) + 1]);
        var eyes = MathF.Sqrt((ax * ax) + (ay * ay));
        (ax, ay) = (ax / eyes, ay / eyes);
        var (upX, upY) = (ay, -ax);
        foreach (var (corner, side) in new[] { (61, -1f), (291, 1f) })
        {
            p[At(corner)] += eyes * smile * ((0.35f * side * ax) + (0.3f * upX));
            p[At(corner) + 1] += eyes * smile * ((0.35f * side * ay) + (0.3f * upY));
        }
        return p;
    }

    /// <summary>Every measure linearly between <paramref name="a"/> and <paramref name="b"/> (t = 0 → a).</summary>
    public static FaceObservation Blend(FaceObservation a, FaceObservation b, float t)
    {
        float Lerp(float x, float y) => x + ((y - x) * t);
        return a with
        {
            Yaw = Lerp(a.Yaw, b.Yaw), Pitch = Lerp(a.Pitch, b.Pitch),
            LeftEyeAspect = Lerp(a.LeftEyeAspect, b.LeftEyeAspect), RightEyeAspect = Lerp(a.RightEyeAspect, b.RightEyeAspect),
            MouthOpening = Lerp(a.MouthOpening, b.MouthOpening), SmileWidth = Lerp(a.SmileWidth, b.SmileWidth), BrowRaise = Lerp(a.BrowRaise, b.BrowRaise),
            Emotions = a.Emotions.Zip(b.Emotions, Lerp).ToArray(),
        };
    }

    private static float Eased(int k, int steps) => (1 - MathF.Cos(MathF.PI * k / steps)) / 2;

    private static float[] Embedding(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 1024).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private float Jitter(float amplitude) => (float)((_noise.NextDouble() * 2 - 1) * amplitude);
}
