using SecureCall.Grains.Interfaces.Verification;
using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class VerificationOptionsValidator : IValidateOptions<VerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, VerificationOptions options)
    {
        var errors = new List<string>();
        var known = options.AllowedChallenges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = known.Where(k => !Enum.TryParse<ChallengeKind>(k, ignoreCase: true, out var kind) || kind == ChallengeKind.Hidden).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"SecureCall:Verification:AllowedChallenges has unknown kinds: {string.Join(", ", unknown)}.");
        }
        else if (options.AllowedKinds.Count < options.MinChallenges)
        {
            errors.Add("SecureCall:Verification:AllowedChallenges must offer at least MinChallenges different kinds.");
        }
        if (options.MinChallenges < 1 || options.MaxChallenges < options.MinChallenges)
        {
            errors.Add("SecureCall:Verification: need 1 ≤ MinChallenges ≤ MaxChallenges.");
        }
        if (options.FaceUnlockMinChallenges < 1 || options.FaceUnlockMaxChallenges < options.FaceUnlockMinChallenges
            || options.FaceUnlockMaxChallenges > options.MaxChallenges)
        {
            errors.Add("SecureCall:Verification: need 1 ≤ FaceUnlockMinChallenges ≤ FaceUnlockMaxChallenges ≤ MaxChallenges.");
        }
        if (options.SessionLifetime <= TimeSpan.Zero || options.ChallengeTimeLimit <= TimeSpan.Zero || options.MaxFramesPerChallenge < 10)
        {
            errors.Add("SecureCall:Verification limits must be positive.");
        }
        if (options.RetriesPerChallenge is < 0 or > VerificationOptions.MaxRetriesPerChallenge)
        {
            errors.Add($"SecureCall:Verification:RetriesPerChallenge must be between 0 and {VerificationOptions.MaxRetriesPerChallenge}.");
        }
        if (options.SameFaceThreshold is <= 0 or > 1 || options.MatchThreshold is <= 0 or > 1)
        {
            errors.Add("SecureCall:Verification: SameFaceThreshold and MatchThreshold must be in (0, 1].");
        }
        if (options.EmbeddingEveryFrames < 1 || options.MinEmbeddings < 1 || options.MaxEmbeddings < options.MinEmbeddings)
        {
            errors.Add("SecureCall:Verification: need EmbeddingEveryFrames ≥ 1 and 1 ≤ MinEmbeddings ≤ MaxEmbeddings.");
        }
        if (options.AntiSpoofEveryFrames < 1)
        {
            errors.Add("SecureCall:Verification:AntiSpoofEveryFrames must be at least 1.");
        }
        if (options.FramesPerSecond < 1 || options.FrameStreamIdleTimeout <= TimeSpan.Zero)
        {
            errors.Add("SecureCall:Verification: need FramesPerSecond ≥ 1 and a positive FrameStreamIdleTimeout.");
        }
        if (options.MinInstructionPause < TimeSpan.Zero || options.MaxInstructionPause < options.MinInstructionPause
            || options.BaselineFrames < 2 || options.ReactionWindow <= options.MinReactionTime || options.MinReactionTime < TimeSpan.Zero
            || options.BaselineSettleTime <= TimeSpan.Zero)
        {
            errors.Add("SecureCall:Verification: need 0 ≤ MinInstructionPause ≤ MaxInstructionPause, BaselineFrames ≥ 2, 0 ≤ MinReactionTime < ReactionWindow and BaselineSettleTime > 0.");
        }
        var c = options.Continuity;
        if (c.MaxFrameGap <= TimeSpan.Zero || c.MaxLandmarkSpeed <= 0 || c.MaxTurnSpeed <= 0 || c.MinFrameInterval <= TimeSpan.Zero)
        {
            errors.Add("SecureCall:Verification:Continuity limits must be positive.");
        }
        if (options.FaceReplacementMaxAge <= TimeSpan.Zero || options.FaceReplacementMaxAge > TimeSpan.FromHours(1))
        {
            errors.Add("SecureCall:Verification:FaceReplacementMaxAge must be more than zero and at most 1 hour.");
        }
        if (options.FaceChecksPerMinutePerUser < 1)
        {
            errors.Add("SecureCall:Verification:FaceChecksPerMinutePerUser must be at least 1.");
        }
        var s = options.Scoring;
        if (s.Liveness < 0 || s.Expression < 0 || s.AntiSpoof < 0 || s.Liveness + s.AntiSpoof <= 0 || s.PassThreshold is <= 0 or > 1)
        {
            errors.Add("SecureCall:Verification:Scoring weights must be non-negative and PassThreshold in (0, 1].");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
