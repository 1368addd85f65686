using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;
using SecureCall.Security.Audit;
using SecureCall.WebFrontend.Hosting;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>Proof-of-life frames as a client-to-server stream (the primary path); feedback comes back on the same connection.</summary>
[Authorize]
public sealed class VerifyHub(IGrainFactory grains, IAuditLog audit, IOptions<VerificationOptions> options) : Hub<IVerifyClient>
{
    public const string Path = "/hubs/verify";

    public async Task StreamFrames(string sessionId, IAsyncEnumerable<FrameInput> frames)
    {
        var userId = Context.User?.FindFirstValue("sub") ?? throw new HubException("The token has no subject.");
        var status = await grains.GetGrain<IVerificationSessionGrain>(sessionId).GetAsync(userId);
        var caller = Clients.Caller;
        await caller.Verification(new VerificationEvent("challenge", status.Current?.Instruction ?? status.Reason, status));
        var pipeline = new FramePipeline(grains, audit, sessionId, userId, Context.GetHttpContext() is { } http ? ClientAddress.Of(http) : "hub",
            options.Value.FramesPerSecond, options.Value.EmbeddingEveryFrames, caller.Verification);
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
