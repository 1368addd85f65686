using Microsoft.Extensions.Options;

namespace SecureCall.Options.Validators;

public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.DataDirectory) || string.IsNullOrWhiteSpace(options.DatabaseFileName)
            ? ValidateOptionsResult.Fail("SecureCall:Storage needs DataDirectory and DatabaseFileName.")
            : ValidateOptionsResult.Success;
}
