using System.Buffers.Text;
using System.Security.Cryptography;
using SecureCall.WebFrontend.Hubs;

namespace SecureCall.Tests.Shared;

/// <summary>
/// Signed offers and answers as the browser client builds them (canonical text signed by the party's key, bound to
/// the DTLS fingerprint of its SDP), for tests and load generators that act as browsers.
/// </summary>
public static class SignedCallRequests
{
    public static string NewFingerprint() => "sha-256 " + string.Join(':', RandomNumberGenerator.GetBytes(32).Select(b => b.ToString("X2")));

    public static string NewCallId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string Sdp(string fingerprint) =>
        $"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=fingerprint:{fingerprint}\r\na=setup:actpass\r\n";

    /// <param name="sign">Signs the canonical text with the caller's key (base64url signature).</param>
    /// <param name="sdpFingerprint">A different fingerprint for the SDP than the signed one (a relay rewriting it); by default the same.</param>
    public static PlaceCallRequest Offer(Func<string, string> sign, string callerId, string calleeId, string callId, string fingerprint, string? sdpFingerprint = null)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var signature = sign($"securecall/call-offer/v1\n{callId}\n{callerId}\n{calleeId}\n{nonce}\n{fingerprint}");
        return new PlaceCallRequest(callId, calleeId, Sdp(sdpFingerprint ?? fingerprint), fingerprint, nonce, signature);
    }

    public static AcceptCallRequest Answer(Func<string, string> sign, string calleeId, string callerId, string callId, string fingerprint)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var signature = sign($"securecall/call-answer/v1\n{callId}\n{callerId}\n{calleeId}\n{nonce}\n{fingerprint}");
        return new AcceptCallRequest(callId, Sdp(fingerprint), fingerprint, nonce, signature);
    }
}
