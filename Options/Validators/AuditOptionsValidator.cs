using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options) =>
        options.Retention <= TimeSpan.Zero || options.PurgeInterval <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail("SecureCall:Audit:Retention and PurgeInterval must be positive.")
            : ValidateOptionsResult.Success;
}
