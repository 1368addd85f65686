using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Tests.Shared;

/// <summary>
/// What one camera shows a proof-of-life session: frames while the instruction is hidden, and the frames it answers
/// a shown instruction with (challenge index 0, 1, … so an attacker can change what it shows between challenges).
/// Attackers react to the instruction as a person at the keyboard would; they cannot see anything else.
/// </summary>
public sealed class PresentationAttack(string name, Func<int, byte[]> rest, Func<int, ChallengeKind, IReadOnlyList<byte[]>> answer)
{
    public string Name { get; } = name;

    public byte[] Rest(int challenge) => rest(challenge);

    public IReadOnlyList<byte[]> Answer(int challenge, ChallengeKind kind) => answer(challenge, kind);
}
