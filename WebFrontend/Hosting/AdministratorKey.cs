using System.Buffers.Text;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// One entry of <see cref="AdminOptions.Keys"/>: <c>userId=fingerprint</c>, the fingerprint being the base64url SHA-256
/// of the signing key's SubjectPublicKeyInfo (as <c>GET /api/users/{id}/keys</c> and the registration answer show it).
/// </summary>
public sealed record AdministratorKey(string UserId, string Fingerprint)
{
    private const int Sha256Bytes = 32;

    public static bool TryParse(string? entry, out AdministratorKey key)
    {
        key = null!;
        var separator = entry?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (separator < 0)
        {
            return false;
        }
        var userId = entry![..separator].Trim();
        var fingerprint = entry[(separator + 1)..].Trim();
        if (!UserIds.IsValid(userId) || !Base64Url.IsValid(fingerprint, out var length) || length != Sha256Bytes)
        {
            return false;
        }
        key = new AdministratorKey(userId, fingerprint);
        return true;
    }
}
