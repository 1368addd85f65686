using Microsoft.AspNetCore.Authentication;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// The request's validated access token as an <see cref="IdentityProof"/>, for grain methods that change a user's
/// security state: they validate it again in the silo rather than trust the user id the frontend names.
/// </summary>
public static class AccessTokenProof
{
    public static async Task<IdentityProof> OfAsync(HttpContext context) =>
        await context.GetTokenAsync("access_token") is { Length: > 0 } token
            ? new IdentityProof(token)
            : throw new SecureCallException(FailureCode.InsufficientAssurance, "This request carries no access token.");
}
