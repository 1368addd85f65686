using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.WebFrontend.Hosting;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>
/// Call signaling for browsers. Thin: it names the caller from the token and forwards to the call's grain; delivery
/// back to browsers goes grain → presence → this process's <see cref="CallObserver"/> → hub context.
/// </summary>
[Authorize]
public sealed class CallHub(IGrainFactory grains, FrontendPresence presence) : Hub<ICallClient>
{
    public const string Path = "/hubs/calls";

    public static string UserGroup(string userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(UserId));
        await presence.ConnectedAsync(UserId);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => presence.DisconnectedAsync(UserId);

    /// <summary>
    /// The caller's user id. Hub calls run only after <see cref="OnConnectedAsync"/> finished, so a client that has
    /// this answer knows it is reachable for incoming calls.
    /// </summary>
    public string WhoAmI() => UserId;

    public Task<CallSnapshot> PlaceCall(PlaceCallRequest request) =>
        Call(request.CallId).PlaceAsync(Assurance(), new CallOffer(
            request.CallId, UserId, request.CalleeId, request.Sdp, request.Fingerprint, request.Nonce, request.Signature));

    public Task<CallSnapshot> AcceptCall(AcceptCallRequest request) =>
        Call(request.CallId).AcceptAsync(Assurance(), Context.ConnectionId,
            new CallAnswer(request.CallId, request.Sdp, request.Fingerprint, request.Nonce, request.Signature));

    public Task<CallSnapshot> RejectCall(CallIdRequest request) => Call(request.CallId).RejectAsync(UserId);

    public Task SendCandidate(CandidateRequest request) =>
        Call(request.CallId).AddCandidateAsync(UserId, new IceCandidate(request.CallId, request.Candidate, request.SdpMid, request.SdpMLineIndex));

    public Task Renegotiate(RenegotiateRequest request) =>
        Call(request.CallId).RenegotiateAsync(UserId, new Renegotiation(request.CallId, request.Type, request.Sdp));

    public Task<CallSnapshot> ReportConnected(CallIdRequest request) => Call(request.CallId).MarkConnectedAsync(UserId);

    public Task<CallSnapshot> HangUp(HangUpRequest request) => Call(request.CallId).HangUpAsync(UserId, request.Reason ?? "");

    private string UserId => Context.User?.Subject() ?? throw new HubException("The token has no subject.");

    private CallerAssurance Assurance() => new(UserId, Context.User!.Methods(), Context.User!.Score());

    private ICallGrain Call(string callId) =>
        grains.GetGrain<ICallGrain>(string.IsNullOrEmpty(callId) || callId.Length > 64 ? throw new HubException("InvalidInput: callId is required.") : callId);
}
