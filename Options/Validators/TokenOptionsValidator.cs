using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add("SecureCall:Tokens needs Issuer and Audience.");
        }
        if (options.Lifetime <= TimeSpan.Zero || options.Lifetime > TimeSpan.FromHours(24))
        {
            errors.Add("SecureCall:Tokens:Lifetime must be between 0 and 24 hours.");
        }
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add("SecureCall:Tokens:ClockSkew must be between 0 and 5 minutes.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
