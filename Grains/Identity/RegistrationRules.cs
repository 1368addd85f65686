using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Grains.Identity;

/// <summary>Shape checks on a key registration before any cryptography or storage.</summary>
public static class RegistrationRules
{
    public const int MaxDisplayNameLength = 64;

    public static void Validate(KeyRegistration registration)
    {
        UserIds.EnsureValid(registration.UserId);
        EnsureDisplayName(registration.DisplayName);
        if (!Enum.IsDefined(registration.Algorithm))
        {
            throw new SecureCallException(FailureCode.InvalidInput, "signingKey.alg must be ES256 or PS256.");
        }
    }

    public static void EnsureDisplayName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > MaxDisplayNameLength || displayName.Any(char.IsControl))
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"displayName must be 1 to {MaxDisplayNameLength} printable characters.");
        }
    }
}
