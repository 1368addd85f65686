using System.Globalization;
using System.Security.Claims;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>Reads the claims of a validated access token (names from <see cref="ClaimNames"/>).</summary>
public static class TokenClaims
{
    /// <summary>The token's user id, if it has one.</summary>
    public static string? Subject(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Subject);

    /// <summary>Every <c>amr</c> value of the token.</summary>
    public static IReadOnlyList<string> Methods(this ClaimsPrincipal user) =>
        user.FindAll(ClaimNames.AuthenticationMethods).Select(c => c.Value).ToList();

    /// <summary>Whether the token's <c>amr</c> holds <paramref name="method"/> (e.g. <see cref="ClaimNames.Signature"/>).</summary>
    public static bool HasMethod(this ClaimsPrincipal user, string method) =>
        user.FindAll(ClaimNames.AuthenticationMethods).Any(c => c.Value == method);

    /// <summary>The verification score a proof-of-life token carries; null for other tokens.</summary>
    public static double? Score(this ClaimsPrincipal user) =>
        double.TryParse(user.FindFirstValue(ClaimNames.Score), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ? score : null;
}
