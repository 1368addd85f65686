using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class ChallengeOptionsValidator : IValidateOptions<ChallengeOptions>
{
    public ValidateOptionsResult Validate(string? name, ChallengeOptions options)
    {
        var errors = new List<string>();
        if (options.NonceLifetime <= TimeSpan.Zero || options.NonceLifetime > TimeSpan.FromMinutes(30))
        {
            errors.Add("SecureCall:Challenges:NonceLifetime must be between 0 and 30 minutes.");
        }
        if (options.ChallengesPerMinutePerUser < 1)
        {
            errors.Add("SecureCall:Challenges:ChallengesPerMinutePerUser must be at least 1.");
        }
        if (options.SweepInterval <= TimeSpan.Zero || options.RetainConsumedFor < TimeSpan.Zero)
        {
            errors.Add("SecureCall:Challenges:SweepInterval must be positive and RetainConsumedFor not negative.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
