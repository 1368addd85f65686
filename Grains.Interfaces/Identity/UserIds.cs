using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>User ids are 3–64 characters of <c>[a-z0-9._-]</c>: safe in URLs, logs and signed text.</summary>
public static partial class UserIds
{
    public static bool IsValid([NotNullWhen(true)] string? userId) => userId is not null && Pattern().IsMatch(userId);

    public static void EnsureValid([NotNull] string? userId)
    {
        if (!IsValid(userId))
        {
            throw new SecureCallException(FailureCode.InvalidInput, "userId must be 3 to 64 characters of a-z, 0-9, '.', '_' or '-'.");
        }
    }

    // \A and \z, not ^ and $: '$' also matches before a final newline, which let "name\n" through.
    [GeneratedRegex(@"\A[a-z0-9._-]{3,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
