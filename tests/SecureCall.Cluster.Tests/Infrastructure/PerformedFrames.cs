using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Infrastructure;

/// <summary>
/// Camera frames of a sample photo rendered as a moving 3-D head (<see cref="RenderedHead"/>), made once and shared by
/// every <see cref="VerifyingUser"/>: the head at rest, and each head turn performed with rest around it. Real faces, so
/// a host's face models and its deferred cue lane have real work for every frame.
/// </summary>
public sealed class PerformedFrames
{
    /// <summary>The challenges the frames answer; a host the frames are streamed to allows only these.</summary>
    public static readonly IReadOnlyList<ChallengeKind> Kinds = [ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight];

    private readonly IReadOnlyList<byte[]> _rest;
    private readonly Dictionary<ChallengeKind, IReadOnlyList<byte[]>> _performed;

    private PerformedFrames(IReadOnlyList<byte[]> rest, Dictionary<ChallengeKind, IReadOnlyList<byte[]>> performed)
    {
        _rest = rest;
        _performed = performed;
    }

    /// <summary>The <c>SecureCall:Verification:AllowedChallenges</c> setting for <see cref="Kinds"/>.</summary>
    public static string AllowedChallenges => string.Join(',', Kinds);

    /// <summary>Locates sample photo 3's face with the models in models/out (in this process) and renders the frames.</summary>
    public static PerformedFrames Render(string repositoryRoot)
    {
        var face = SampleFace.Locate(repositoryRoot, 3);
        using var head = face.Render(repositoryRoot);
        var rest = Enumerable.Range(0, 2 * RenderedHead.RestBefore).Select(_ => head.Rest()).ToList();
        return new PerformedFrames(rest, Kinds.ToDictionary(kind => kind, head.Perform));
    }

    /// <summary>
    /// Frame <paramref name="index"/> (counted from the challenge's start, wrapping round) of what a person does for
    /// <paramref name="challenge"/>: rest while the instruction is hidden, else the gesture again and again.
    /// </summary>
    public byte[] For(VerificationChallenge? challenge, int index) =>
        challenge is not null && _performed.TryGetValue(challenge.Kind, out var frames) ? frames[index % frames.Count] : _rest[index % _rest.Count];
}
