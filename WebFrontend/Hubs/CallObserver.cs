using Microsoft.AspNetCore.SignalR;
using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>This process's delivery point for call signals: grains call it, it pushes to the user's connections here.</summary>
public sealed class CallObserver(IHubContext<CallHub, ICallClient> hub) : ICallObserver
{
    public Task DeliverAsync(string userId, CallSignal signal, string? exceptConnectionId)
    {
        var group = CallHub.UserGroup(userId);
        var clients = exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId);
        return signal switch
        {
            RingingSignal ringing => clients.Ringing(ringing),
            AnsweredSignal answered => clients.Answered(answered),
            CandidateSignal candidate => clients.Candidate(candidate),
            RenegotiateSignal renegotiate => clients.Renegotiate(renegotiate),
            CallStateSignal callState => clients.CallState(callState),
            _ => throw new NotSupportedException($"Unknown call signal {signal.GetType().Name}."),
        };
    }
}
