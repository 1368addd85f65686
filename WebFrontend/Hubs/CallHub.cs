using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.WebFrontend.Hosting;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>
/// Call signaling for browsers. Thin: it names the caller from the token and forwards to the call's grain; delivery
/// back to browsers goes grain → presence → this process's <see cref="CallObserver"/> → hub context.
/// </summary>
[Authorize]
public sealed class CallHub(IGrainFactory grains, FrontendPresence presence, ILogger<CallHub> logger) : Hub<ICallClient>
{
    public const string Path = "/hubs/calls";

    public static string UserGroup(string userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(UserId));
        await presence.ConnectedAsync(UserId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await presence.DisconnectedAsync(UserId);
        // A call carried by this connection waits a short grace for a rejoin from a new one, then fails and tells the
        // other side: a reloaded or closed page never rejoins, and its peer should not wait for a media timeout.
        try
        {
            foreach (var callId in await grains.GetGrain<IUserLimitsGrain>(UserId).GetCallIdsAsync())
            {
                await grains.GetGrain<ICallGrain>(callId).ConnectionLostAsync(UserId, Context.ConnectionId);
            }
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Reporting the lost connection of {User} to their calls failed", UserId);
        }
    }

    /// <summary>
    /// The caller's user id. Hub calls run only after <see cref="OnConnectedAsync"/> finished, so a client that has
    /// this answer knows it is reachable for incoming calls.
    /// </summary>
    public string WhoAmI() => UserId;

    public Task<CallSnapshot> PlaceCall(PlaceCallRequest request) =>
        Call(request.CallId).PlaceAsync(Assurance(), new CallOffer(
            request.CallId, UserId, request.CalleeId, request.Sdp, request.Fingerprint, request.Nonce, request.Signature), Context.ConnectionId);

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

    /// <summary>After SignalR reconnected: the caller's side of the call goes on over this connection.</summary>
    public Task<CallSnapshot> RejoinCall(CallIdRequest request) => Call(request.CallId).RejoinAsync(UserId, Context.ConnectionId);

    /// <summary>After a reload: the page lost its side of the call, which fails at once (the other side is told).</summary>
    public Task<CallSnapshot> AbandonCall(CallIdRequest request) => Call(request.CallId).AbandonAsync(UserId);

    private string UserId => Context.User?.Subject() ?? throw new HubException("The token has no subject.");

    private CallerAssurance Assurance() => new(UserId, Context.User!.Methods(), Context.User!.Score());

    private ICallGrain Call(string callId) =>
        grains.GetGrain<ICallGrain>(string.IsNullOrEmpty(callId) || callId.Length > 64 ? throw new HubException("InvalidInput: callId is required.") : callId);
}
