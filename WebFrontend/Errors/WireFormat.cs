using System.Buffers;
using System.Buffers.Text;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.WebFrontend.Errors;

/// <summary>Decodes wire fields with errors that name the field, before anything reaches a grain.</summary>
public static class WireFormat
{
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static byte[] DecodeBase64Url(string? value, string field, int maxBytes)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid($"{field} is required.");
        }
        if (value.Length > Base64Url.GetEncodedLength(maxBytes))
        {
            throw Invalid($"{field} is longer than {maxBytes} bytes.");
        }
        // Only the 64 alphabet characters: Base64Url.IsValid on its own skips embedded whitespace, and padding is
        // refused, so each value has exactly one spelling.
        if (value.AsSpan().ContainsAnyExcept(Base64UrlAlphabet) || !Base64Url.IsValid(value))
        {
            throw Invalid($"{field} is not base64url without padding.");
        }
        return Base64Url.DecodeFromChars(value);
    }

    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid($"{field} is required.");
        }
        if (value.Length > maxLength)
        {
            throw Invalid($"{field} is longer than {maxLength} characters.");
        }
        return value;
    }

    private static SecureCallException Invalid(string message) => new(FailureCode.InvalidInput, message);
}
