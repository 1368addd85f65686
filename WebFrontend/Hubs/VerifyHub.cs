using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.WebFrontend.Hosting;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>
/// Proof-of-life frames as a client-to-server stream (the primary path); feedback comes back on the same connection.
/// A session takes one stream at a time: the session grain refuses a second while the first is open.
/// </summary>
[Authorize]
public sealed class VerifyHub(IGrainFactory grains) : Hub<IVerifyClient>
{
    public const string Path = "/hubs/verify";

    public async Task StreamFrames(string sessionId, IAsyncEnumerable<FrameInput> frames)
    {
        var userId = Context.User?.Subject() ?? throw new HubException("The token has no subject.");
        var status = await grains.GetGrain<IVerificationSessionGrain>(sessionId).GetAsync(userId);
        var caller = Clients.Caller;
        Task Send(VerificationUpdate update) => caller.Verification(VerificationEvent.From(update));
        var pipeline = new FramePipeline(grains, sessionId, userId, Context.GetHttpContext() is { } http ? ClientAddress.Of(http) : "hub", Send);
        // One stream per session: a second is refused (an error event, then HubException "FrameStreamBusy: …").
        await pipeline.OpenAsync();
        await Send(new ChallengeUpdate(status));
        var running = pipeline.RunAsync(Context.ConnectionAborted);
        await foreach (var frame in frames.WithCancellation(Context.ConnectionAborted))
        {
            if (running.IsCompleted)
            {
                break;
            }
            await pipeline.OfferAsync(frame);
        }
        pipeline.Complete();
        await running;
    }
}
