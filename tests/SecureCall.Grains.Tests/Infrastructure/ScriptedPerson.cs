using Microsoft.Extensions.Time.Testing;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Verification;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// A person in front of a scripted camera (<see cref="ScriptedFaceAnalyzer"/>), 15 frames/s on the fake clock: rests
/// while the session's pause hides the instruction, then answers what is shown with an eased movement and comes back.
/// </summary>
public static class ScriptedPerson
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(FaceSequence.FrameIntervalMs);

    /// <summary>Rests until the instruction of <paramref name="challenge"/> shows (or the session moves on); the last status.</summary>
    public static async Task<VerificationStatus> WaitForInstructionAsync(
        IVerificationSessionGrain session, string userId, VerificationChallenge challenge, FakeTimeProvider time, bool held = false)
    {
        var status = await session.GetAsync(userId);
        for (var i = 0; i < 60 && status.Current is { Kind: ChallengeKind.Hidden } current && current.ChallengeId == challenge.ChallengeId; i++)
        {
            time.Advance(FrameInterval);
            status = (await session.SubmitScriptedFrameAsync(userId, challenge.ChallengeId, challenge.Nonce, FaceSequence.RestWithLandmarks(), held)).Status;
        }
        return status;
    }

    /// <summary>
    /// Waits for the instruction, then performs it as a live person would: eased out, held, eased back, rest. Frames
    /// are <paramref name="held"/> (<see cref="ScriptedFaceAnalyzer.HeldFrame"/>) when asked.
    /// </summary>
    public static async Task<VerificationStatus> AnswerAsync(
        IVerificationSessionGrain session, string userId, VerificationChallenge challenge, FakeTimeProvider time, bool held = false)
    {
        var status = await WaitForInstructionAsync(session, userId, challenge, time, held);
        if (status.Current is not { } shown || shown.ChallengeId != challenge.ChallengeId)
        {
            return status;
        }
        var frames = new FaceSequence().Resting(3).Move(f => ChallengeDetectorTests.Perform(shown.Kind, f)).Resting(4).Frames;
        foreach (var frame in frames)
        {
            time.Advance(FrameInterval);
            var feedback = await session.SubmitScriptedFrameAsync(userId, shown.ChallengeId, shown.Nonce, frame, held);
            status = feedback.Status;
            if (feedback.ChallengeResult is not null)
            {
                break;
            }
        }
        return status;
    }
}
