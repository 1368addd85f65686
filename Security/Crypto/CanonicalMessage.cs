using System.Text;

namespace SecureCall.Security.Crypto;

/// <summary>
/// The exact bytes a client signs: UTF-8 text, a domain-separation header per purpose, fields separated by
/// newlines. Fields are validated elsewhere never to contain a newline, so the encoding is unambiguous.
/// </summary>
public static class CanonicalMessage
{
    public const string RegisterHeader = "securecall/register/v1";
    public const string AuthenticateHeader = "securecall/auth/v1";
    public const string ResumeHeader = "securecall/resume/v1";
    public const string CallOfferHeader = "securecall/call-offer/v1";
    public const string CallAnswerHeader = "securecall/call-answer/v1";

    public static byte[] Register(string userId, string challengeId, string nonce, string signingKeyFingerprint) =>
        Build(RegisterHeader, userId, challengeId, nonce, signingKeyFingerprint);

    public static byte[] Authenticate(string userId, string challengeId, string nonce) =>
        Build(AuthenticateHeader, userId, challengeId, nonce);

    /// <summary>Redeems the liveness grant <paramref name="grantId"/> (the live token's <c>jti</c>) with a fresh challenge.</summary>
    public static byte[] Resume(string userId, string challengeId, string nonce, string grantId) =>
        Build(ResumeHeader, userId, challengeId, nonce, grantId);

    public static byte[] CallOffer(string callId, string callerId, string calleeId, string nonce, string fingerprint) =>
        Build(CallOfferHeader, callId, callerId, calleeId, nonce, fingerprint);

    public static byte[] CallAnswer(string callId, string callerId, string calleeId, string nonce, string fingerprint) =>
        Build(CallAnswerHeader, callId, callerId, calleeId, nonce, fingerprint);

    public static byte[] Build(string header, params ReadOnlySpan<string> fields)
    {
        var builder = new StringBuilder(header);
        foreach (var field in fields)
        {
            if (field.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException("A signed field must not contain a newline.", nameof(fields));
            }
            builder.Append('\n').Append(field);
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
