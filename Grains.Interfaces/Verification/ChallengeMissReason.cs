namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// Why an attempt at a challenge was missed, as a code the page turns into what to do next (issue 24, item 6). The
/// text reason stays for the audit log; this is what a person can act on. Never renumber: it is on the wire.
/// </summary>
public enum ChallengeMissReason
{
    /// <summary>Another cause (a cut in the frames, a movement that was not smooth, a flat picture).</summary>
    Other = 0,

    /// <summary>The face was not seen in most of the answer frames.</summary>
    NoFace = 1,

    /// <summary>A face was seen but nothing in it moved at all: a photo or a still image (no live face).</summary>
    NoLiveFace = 2,

    /// <summary>The asked movement was not seen (e.g. the eyes never closed).</summary>
    NotSeen = 3,

    /// <summary>The movement began but did not go far enough (e.g. turn a little further).</summary>
    TooSmall = 4,

    /// <summary>The movement went far enough but in a jump, or did not come back to the start.</summary>
    NotSmooth = 5,
}
