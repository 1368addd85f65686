using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Options;

/// <summary>Calls and their signaling.</summary>
public sealed class SignalingOptions
{
    public const string SectionName = "SecureCall:Signaling";
    public const string DefaultRequiredAmr = $"{ClaimNames.Signature},{ClaimNames.Liveness}";
    public const int DefaultMaxSdpBytes = 16 * 1024;
    public const int DefaultMaxCandidatesPerCall = 200;
    public const int DefaultMaxCandidateLength = 1024;
    public const int DefaultCallsPerMinutePerUser = 30;
    public const int DefaultPresenceLookupsPerMinutePerUser = 1200;
    public const int DefaultPresenceLookupBurstPerUser = 400;

    /// <summary>The smallest burst allowed: one full presence request (100 ids) must fit in the budget.</summary>
    public const int MinimumPresenceLookupBurst = 100;

    /// <summary>How long a call rings before it is missed (45 s).</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long an accepted call may take to report its media connected before it fails (30 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a call waits, after the hub connection carrying one participant's side of it closed, for that side to
    /// rejoin from a new connection (SignalR reconnects on its own) before the call fails and the other side is told
    /// (10 s). A reloaded or closed page never rejoins.
    /// </summary>
    public TimeSpan RejoinGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Comma-separated <c>amr</c> values both participants' tokens must carry (default <c>sig,live</c>).</summary>
    public string RequiredAmr { get; set; } = DefaultRequiredAmr;

    /// <summary>Lowest caller verification score (token <c>score</c> claim) a call may ring with; empty = no minimum.</summary>
    public double? MinimumCallerScore { get; set; }

    /// <summary>Largest SDP accepted in an offer or answer, in UTF-8 bytes.</summary>
    public int MaxSdpBytes { get; set; } = DefaultMaxSdpBytes;

    /// <summary>ICE candidates one call relays in total.</summary>
    public int MaxCandidatesPerCall { get; set; } = DefaultMaxCandidatesPerCall;

    /// <summary>Calls one user may place per minute.</summary>
    public int CallsPerMinutePerUser { get; set; } = DefaultCallsPerMinutePerUser;

    /// <summary>How long a used offer/answer nonce is remembered to refuse its replay.</summary>
    public TimeSpan NonceMemory { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A frontend not heard from for this long is dropped from a user's presence.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Presence look-ups (user ids asked about, not requests) one user's budget regains per minute: a token bucket per
    /// user, so a flood of look-ups is answered with 429 and Retry-After. The browser asks about its contacts every
    /// 10 s, so the default covers a list of 200 contacts.
    /// </summary>
    public int PresenceLookupsPerMinutePerUser { get; set; } = DefaultPresenceLookupsPerMinutePerUser;

    /// <summary>How many presence look-ups one user may make at once (the bucket's size; at least 100, one request).</summary>
    public int PresenceLookupBurstPerUser { get; set; } = DefaultPresenceLookupBurstPerUser;

    /// <summary>Whether a user may be in more than one call at once (default: no, the second gets Busy).</summary>
    public bool AllowConcurrentCalls { get; set; }

    public IReadOnlyList<string> RequiredAmrValues =>
        RequiredAmr.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
