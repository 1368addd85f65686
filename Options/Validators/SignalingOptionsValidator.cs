using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class SignalingOptionsValidator : IValidateOptions<SignalingOptions>
{
    public ValidateOptionsResult Validate(string? name, SignalingOptions options)
    {
        var errors = new List<string>();
        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("SecureCall:Signaling:ConnectTimeout must be between 0 and 10 minutes.");
        }
        if (options.RejoinGrace <= TimeSpan.Zero || options.RejoinGrace > TimeSpan.FromMinutes(1))
        {
            // Above a minute the other side would wait longer than README's 20 s promise many times over.
            errors.Add("SecureCall:Signaling:RejoinGrace must be between 0 and 1 minute.");
        }
        if (options.RingTimeout <= TimeSpan.Zero || options.RingTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("SecureCall:Signaling:RingTimeout must be between 0 and 10 minutes.");
        }
        if (options.MaxSdpBytes is < 512 or > 256 * 1024 || options.MaxCandidatesPerCall < 1 || options.CallsPerMinutePerUser < 1)
        {
            errors.Add("SecureCall:Signaling limits must be positive (MaxSdpBytes 512 B – 256 KiB).");
        }
        if (options.MinimumCallerScore is < 0 or > 1)
        {
            errors.Add("SecureCall:Signaling:MinimumCallerScore must be between 0 and 1.");
        }
        if (options.NonceMemory <= TimeSpan.Zero || options.PresenceTimeout <= TimeSpan.Zero)
        {
            errors.Add("SecureCall:Signaling:NonceMemory and PresenceTimeout must be positive.");
        }
        if (options.PresenceLookupsPerMinutePerUser < 1 || options.PresenceLookupBurstPerUser < SignalingOptions.MinimumPresenceLookupBurst)
        {
            errors.Add($"SecureCall:Signaling:PresenceLookupsPerMinutePerUser must be positive and PresenceLookupBurstPerUser at least {SignalingOptions.MinimumPresenceLookupBurst}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
