using System.Buffers.Text;
using System.Security.Cryptography;
using SecureCall.WebFrontend.Hubs;

namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>Builds signed offers and answers as the browser client does, from a registered identity.</summary>
public static class CallSigner
{
    public static string NewFingerprint() => "sha-256 " + string.Join(':', RandomNumberGenerator.GetBytes(32).Select(b => b.ToString("X2")));

    public static string NewCallId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string Sdp(string fingerprint) =>
        $"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=fingerprint:{fingerprint}\r\na=setup:actpass\r\n";

    public static PlaceCallRequest Offer(BrowserIdentity caller, string calleeId, string callId, string fingerprint, string? sdpFingerprint = null)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var signature = caller.Sign($"securecall/call-offer/v1\n{callId}\n{caller.UserId}\n{calleeId}\n{nonce}\n{fingerprint}");
        return new PlaceCallRequest(callId, calleeId, Sdp(sdpFingerprint ?? fingerprint), fingerprint, nonce, signature);
    }

    public static AcceptCallRequest Answer(BrowserIdentity callee, string callerId, string callId, string fingerprint)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var signature = callee.Sign($"securecall/call-answer/v1\n{callId}\n{callerId}\n{callee.UserId}\n{nonce}\n{fingerprint}");
        return new AcceptCallRequest(callId, Sdp(fingerprint), fingerprint, nonce, signature);
    }
}
