using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>Builds constructed frame sequences: a resting face, then whatever each test changes frame by frame.</summary>
public sealed class FaceSequence
{
    private readonly List<FaceObservation> _frames = [];
    private readonly Random _noise;

    public FaceSequence(int seed = 1) => _noise = new Random(seed);

    /// <summary>One person's face embedding (a fixed pseudo-random 1024-d vector); <see cref="OtherPerson"/> is another.</summary>
    public static readonly float[] Person = Embedding(seed: 11);
    public static readonly float[] OtherPerson = Embedding(seed: 12);

    /// <summary>A resting face with the values the real models measure on a frontal photo (docs/verification.md).</summary>
    public static FaceObservation Rest(long t = 0) => new(
        t, true, Yaw: 0, Pitch: 0, Roll: 0, LeftEyeAspect: 0.30f, RightEyeAspect: 0.30f, MouthOpening: 0.04f, SmileWidth: 0.36f,
        BrowRaise: 0.12f, DepthSpread: 0.15f, Motion: 0.01f, Emotions: [0.02f, 0.01f, 0.01f, 0.05f, 0.01f, 0.02f, 0.88f],
        AntiSpoofReal: 0.95f, LivenessLive: 0.95f, Embedding: Person);

    public FaceSequence Resting(int count) => Add(count, f => f);

    public FaceSequence Add(int count, Func<FaceObservation, FaceObservation> change)
    {
        for (var i = 0; i < count; i++)
        {
            _frames.Add(change(Rest(_frames.Count * 66L)));
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

    public IReadOnlyList<FaceObservation> Frames => _frames;

    private static float[] Embedding(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 1024).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private float Jitter(float amplitude) => (float)((_noise.NextDouble() * 2 - 1) * amplitude);
}
