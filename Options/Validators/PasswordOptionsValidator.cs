using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class PasswordOptionsValidator : IValidateOptions<PasswordOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordOptions options)
    {
        var errors = new List<string>();
        if (options.MemoryKiB < 8 * options.Parallelism || options.MemoryKiB > 1 << 20)
        {
            errors.Add("SecureCall:Passwords:MemoryKiB must be at least 8 × Parallelism and at most 1 GiB.");
        }
        if (options.Iterations is < 1 or > 64 || options.Parallelism is < 1 or > 16)
        {
            errors.Add("SecureCall:Passwords:Iterations must be 1–64 and Parallelism 1–16.");
        }
        if (options.MinLength < 1 || options.MaxLength < options.MinLength || options.MaxLength > 4096)
        {
            errors.Add("SecureCall:Passwords:MinLength/MaxLength must satisfy 1 ≤ MinLength ≤ MaxLength ≤ 4096.");
        }
        if (options.LockoutThreshold < 1 || options.LockoutWindow <= TimeSpan.Zero || options.LockoutDuration <= TimeSpan.Zero)
        {
            errors.Add("SecureCall:Passwords lockout settings must be positive.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
