using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        if (options.Retention <= TimeSpan.Zero || options.PurgeInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("SecureCall:Audit:Retention and PurgeInterval must be positive.");
        }
        // At least a second (a signature per tick), at most a day (the window an undetected tail cut may span).
        if (options.HeadCheckpointInterval < TimeSpan.FromSeconds(1) || options.HeadCheckpointInterval > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail("SecureCall:Audit:HeadCheckpointInterval must be between 1 second and 1 day.");
        }
        return options.HeadCheckpointDelay <= TimeSpan.Zero || options.HeadCheckpointDelay > options.HeadCheckpointInterval
            ? ValidateOptionsResult.Fail("SecureCall:Audit:HeadCheckpointDelay must be positive and at most HeadCheckpointInterval.")
            : ValidateOptionsResult.Success;
    }
}
