using Microsoft.AspNetCore.Authentication;
using SecureCall.Security;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// When the request's access token expires, as the bearer handler recorded it (the token's <c>exp</c>), for long-lived
/// connections that must end with their token, as <c>CloseOnAuthenticationExpiration</c> does for the hubs.
/// </summary>
public static class TokenExpiry
{
    /// <summary>Cancelled at the token's expiry on <paramref name="time"/>; at once when the request has no expiry.</summary>
    public static CancellationTokenSource Timeout(HttpContext context, SecurityClock time)
    {
        var expires = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
        var left = expires is { } at ? at - time.GetUtcNow() : TimeSpan.Zero;
        return new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time.Provider);
    }
}
