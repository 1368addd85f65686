using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>Sends scripted frames (<see cref="ScriptedFaceAnalyzer"/>) to a session as a camera would: through a frame stream of its own.</summary>
public static class ScriptedFrames
{
    /// <summary>
    /// Opens a stream, sends the frame whose analysis is <paramref name="observation"/>, closes the stream. A
    /// <paramref name="held"/> frame's deferred cues wait until the session measures them itself (<see cref="ScriptedFaceAnalyzer.HeldFrame"/>).
    /// </summary>
    public static async Task<FrameFeedback> SubmitScriptedFrameAsync(
        this IVerificationSessionGrain session, string userId, string challengeId, string nonce, FaceObservation observation, bool held = false)
    {
        var stream = await session.OpenFrameStreamAsync(userId);
        try
        {
            return await session.SubmitFrameAsync(userId, stream,
                new VerificationFrame(challengeId, nonce, held ? ScriptedFaceAnalyzer.HeldFrame(observation) : ScriptedFaceAnalyzer.Frame(observation), observation.TimestampMs));
        }
        finally
        {
            await session.CloseFrameStreamAsync(userId, stream);
        }
    }
}
