using System.Security.Cryptography;
using System.Text;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// TURN REST API credentials: username <c>{expiry unix seconds}:{userId}</c>, password base64(HMAC-SHA1(secret,
/// username)), which a TURN server with the same secret checks without calling us.
/// </summary>
public static class TurnCredentials
{
    public static (string Username, string Credential) Create(string userId, string secret, DateTimeOffset expiresAt)
    {
        var username = $"{expiresAt.ToUnixTimeSeconds()}:{userId}";
        var credential = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
        return (username, credential);
    }
}
