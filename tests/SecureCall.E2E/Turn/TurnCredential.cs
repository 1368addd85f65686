using System.Security.Cryptography;
using System.Text;

namespace SecureCall.E2E.Turn;

/// <summary>
/// A TURN REST API credential as the web frontend issues it (WebFrontend/Realtime/TurnCredentials.cs): username
/// "{expiry unix seconds}:{userId}", password base64(HMAC-SHA1(secret, username)). The browser tests build the ones the
/// server would never issue (expired, or signed with another secret) to show that coturn refuses them.
/// </summary>
public static class TurnCredential
{
    public static (string Username, string Password) Create(string secret, string userId, DateTimeOffset expiresAt)
    {
        var username = $"{expiresAt.ToUnixTimeSeconds()}:{userId}";
        return (username, Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username))));
    }
}
