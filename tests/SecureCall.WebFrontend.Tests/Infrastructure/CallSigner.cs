using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Hubs;

namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>Signed offers and answers (tests/Shared/SignedCallRequests.cs) from a registered test identity.</summary>
public static class CallSigner
{
    public static string NewFingerprint() => SignedCallRequests.NewFingerprint();

    public static string NewCallId() => SignedCallRequests.NewCallId();

    public static string Sdp(string fingerprint) => SignedCallRequests.Sdp(fingerprint);

    public static PlaceCallRequest Offer(BrowserIdentity caller, string calleeId, string callId, string fingerprint, string? sdpFingerprint = null) =>
        SignedCallRequests.Offer(caller.Sign, caller.UserId, calleeId, callId, fingerprint, sdpFingerprint);

    public static AcceptCallRequest Answer(BrowserIdentity callee, string callerId, string callId, string fingerprint) =>
        SignedCallRequests.Answer(callee.Sign, callee.UserId, callerId, callId, fingerprint);
}
