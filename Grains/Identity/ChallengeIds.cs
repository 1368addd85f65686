using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Grains.Identity;

/// <summary>
/// Challenge ids name the user they were issued to (<c>{userId}:{18 random bytes, base64url}</c>), so an answer that
/// carries only the id reaches that user's grain, which holds the key to check it. The user part is a routing hint,
/// never trusted: the stored challenge's own user is compared before anything is verified.
/// </summary>
public static class ChallengeIds
{
    private const char Separator = ':';
    private const int RandomBytes = 18;

    public static string New(string userId) => $"{userId}{Separator}{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes))}";

    /// <summary>The user the id names, if it is shaped like a challenge id at all.</summary>
    public static bool TryGetUserId(string? challengeId, [NotNullWhen(true)] out string? userId)
    {
        var separator = challengeId?.IndexOf(Separator) ?? -1;
        userId = separator > 0 ? challengeId![..separator] : null;
        return userId is not null && UserIds.IsValid(userId) && separator < challengeId!.Length - 1;
    }
}
