using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security;

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

    /// <summary>
    /// Checks a display name (other users are shown it) and returns it in NFC, the form to store. Refused: empty or
    /// blank, longer than <see cref="MaxDisplayNameLength"/>, or holding a character <see cref="ShownText"/> does not
    /// show (controls, bidi overrides, zero-width and other format characters, separators, unassigned code points).
    /// </summary>
    public static string EnsureDisplayName(string? displayName)
    {
        var normalized = displayName is not null && ShownText.IsShowable(displayName) ? ShownText.ToNfc(displayName) : null;
        if (string.IsNullOrWhiteSpace(normalized) || normalized.Length > MaxDisplayNameLength)
        {
            throw new SecureCallException(FailureCode.InvalidInput,
                $"displayName must be 1 to {MaxDisplayNameLength} printable characters, without control or format characters (such as bidi overrides or zero-width characters).");
        }
        return normalized;
    }
}
