using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.Cluster.Tests.Infrastructure;

/// <summary>
/// A person proving liveness through a frontend the way the browser client does: signed in with the device key
/// (<see cref="ClusterUser"/>), a session started with <c>POST /auth/verify</c>, camera frames streamed over the
/// verification hub (MessagePack) at 15 frames/s, performing whichever challenge is current. When a session is decided
/// the next one starts, so the user stays live until <see cref="StopStartingSessions"/>; the session then open streams
/// on until the server ends it or the connection drops. Refusals while it streams (Busy when inference is saturated, a
/// frame for a challenge just decided) are normal and only kept for <see cref="Describe"/>.
/// </summary>
public sealed class VerifyingUser : IAsyncDisposable
{
    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(66);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly ClusterUser _user;
    private readonly Uri _frontend;
    private readonly PerformedFrames _frames;
    private readonly HubConnection _hub;
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _startNoMore;
    private volatile VerificationStatus? _status;
    private volatile bool _streaming;
    private volatile string _lastError = "none";
    private int _analysed;
    private int _sessions;
    private Task _running = Task.CompletedTask;

    private VerifyingUser(ClusterUser user, Uri frontend, PerformedFrames frames)
    {
        _user = user;
        _frontend = frontend;
        _frames = frames;
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(frontend, "hubs/verify"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(_user.Token);
            })
            .AddMessagePackProtocol()
            .Build();
        _hub.On<VerificationEvent>("Verification", OnEvent);
    }

    public string UserId => _user.UserId;

    /// <summary>Frames the host analysed and answered with feedback, over all of this user's sessions.</summary>
    public int FramesAnalysed => Volatile.Read(ref _analysed);

    /// <summary>Sessions started so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>A session is streaming right now: its frame stream is open on a connected hub and it is undecided.</summary>
    public bool IsLive => _streaming && _hub.State == HubConnectionState.Connected && _status?.State == VerificationState.Streaming;

    /// <summary>One line for a failure message.</summary>
    public string Describe() =>
        $"{UserId}: {(IsLive ? "live" : "not live")}, hub {_hub.State}, session {_status?.State.ToString() ?? "none"}, {Sessions} sessions, {FramesAnalysed} frames analysed, last error: {_lastError}";

    /// <summary>Registers <paramref name="userId"/>, signs in with its device key, connects the hub and starts streaming.</summary>
    public static async Task<VerifyingUser> StartAsync(Uri frontend, string userId, PerformedFrames frames)
    {
        var user = await ClusterUser.RegisterAsync(frontend, userId);
        await user.SignInAsync(frontend);
        var verifying = new VerifyingUser(user, frontend, frames);
        await verifying._hub.StartAsync();
        verifying._running = Task.Run(() => verifying.RunAsync(verifying._stop.Token));
        return verifying;
    }

    /// <summary>No new session after the current one (the host is about to go away); the current one streams on.</summary>
    public void StopStartingSessions() => _startNoMore = true;

    /// <summary>Undoes <see cref="StopStartingSessions"/>.</summary>
    public void ResumeStartingSessions() => _startNoMore = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // The host went away under the stream: that is what the shutdown tests do to it.
        }
        await _hub.DisposeAsync();
        await _user.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && _hub.State == HubConnectionState.Connected)
        {
            if (_startNoMore)
            {
                await Task.Delay(100, stop);
                continue;
            }
            try
            {
                await StreamSessionAsync(await StartSessionAsync(stop), stop);
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                _lastError = exception.Message;
                await Task.Delay(500, stop);
            }
        }
    }

    private async Task<VerificationStatus> StartSessionAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = _frontend, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/verify") { Content = JsonContent.Create(new { user_id = UserId }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _user.Token);
        using var response = await http.SendAsync(request, stop);
        var body = await response.Content.ReadAsStringAsync(stop);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /auth/verify answered {(int)response.StatusCode}: {body}");
        }
        var started = JsonSerializer.Deserialize<StartVerificationResponse>(body, Json)!;
        Interlocked.Increment(ref _sessions);
        _status = started.Status;
        return started.Status;
    }

    /// <summary>Streams the camera until the session is decided or the hub connection is gone.</summary>
    private async Task StreamSessionAsync(VerificationStatus start, CancellationToken stop)
    {
        var frames = Channel.CreateBounded<FrameInput>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest });
        await _hub.SendAsync("StreamFrames", start.SessionId, frames.Reader, stop);
        _streaming = true;
        try
        {
            var camera = System.Diagnostics.Stopwatch.StartNew();
            (string Id, ChallengeKind Kind) shown = ("", ChallengeKind.Hidden);
            var index = 0;
            while (!stop.IsCancellationRequested && _hub.State == HubConnectionState.Connected
                && _status is { State: VerificationState.Streaming, Current: { } challenge })
            {
                // A new challenge, or its instruction just shown (the same challenge, Hidden until then): start from rest.
                if ((challenge.ChallengeId, challenge.Kind) != shown)
                {
                    shown = (challenge.ChallengeId, challenge.Kind);
                    index = 0;
                }
                frames.Writer.TryWrite(new FrameInput(challenge.ChallengeId, challenge.Nonce, _frames.For(challenge, index++), camera.ElapsedMilliseconds));
                await Task.Delay(FrameInterval, stop);
            }
        }
        finally
        {
            _streaming = false;
            frames.Writer.TryComplete();
        }
    }

    private void OnEvent(VerificationEvent e)
    {
        if (e.Type == "feedback")
        {
            Interlocked.Increment(ref _analysed);
        }
        else if (e.Type == "error")
        {
            // Busy (inference saturated) and ChallengeAlreadyUsed (a frame in flight when its challenge was decided) are usual here.
            _lastError = e.Message;
        }
        if (e.Status is { } status && status.SessionId == _status?.SessionId)
        {
            _status = status;
        }
    }
}
