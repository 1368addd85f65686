using System.Buffers.Text;
using System.Security.Cryptography;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Tests.Identity;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Crypto;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>A registered user with a browser's keys and a DTLS certificate fingerprint, as a call participant.</summary>
public sealed class CallParty : IDisposable
{
    private CallParty(string userId, TestKeys keys)
    {
        UserId = userId;
        Keys = keys;
        Fingerprint = "sha-256 " + string.Join(':', RandomNumberGenerator.GetBytes(32).Select(b => b.ToString("X2")));
    }

    public string UserId { get; }
    public TestKeys Keys { get; }
    public string Fingerprint { get; }

    public CallerAssurance Assurance(params string[] amr) => new(UserId, amr.Length == 0 ? ["sig", "live"] : amr, 0.9);

    public static async Task<CallParty> RegisterAsync(IGrainFactory grains, string userId)
    {
        var keys = new TestKeys();
        await IdentityFlow.RegisterAsync(grains, userId, keys);
        return new CallParty(userId, keys);
    }

    public static string NewCallId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Sdp(string? fingerprint = null) =>
        $"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:{fingerprint ?? Fingerprint}\r\na=setup:actpass\r\n";

    public CallOffer Offer(string callId, string calleeId, string? nonce = null, string? sdpFingerprint = null, TestKeys? signer = null)
    {
        nonce ??= NewNonce();
        var signed = CanonicalMessage.CallOffer(callId, UserId, calleeId, nonce, Fingerprint);
        return new CallOffer(callId, UserId, calleeId, Sdp(sdpFingerprint), Fingerprint, nonce, Base64Url.EncodeToString((signer ?? Keys).Sign(signed)));
    }

    public CallAnswer Answer(string callId, string callerId, string? nonce = null)
    {
        nonce ??= NewNonce();
        var signed = CanonicalMessage.CallAnswer(callId, callerId, UserId, nonce, Fingerprint);
        return new CallAnswer(callId, Sdp(), Fingerprint, nonce, Base64Url.EncodeToString(Keys.Sign(signed)));
    }

    public void Dispose() => Keys.Dispose();
}
