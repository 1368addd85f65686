using System.Diagnostics.Metrics;
using SecureCall.Grains.Interfaces.Diagnostics;

namespace SecureCall.Grains.Diagnostics;

/// <summary>The product's own counters (meter <see cref="TelemetryNames.Meter"/>), exported by the host's telemetry.</summary>
public static class SecureCallMetrics
{
    private static readonly Meter Meter = new(TelemetryNames.Meter);

    /// <summary>Tokens issued by a login, tagged with the method (<c>sig</c> or <c>pwd</c>).</summary>
    public static readonly Counter<long> Logins = Meter.CreateCounter<long>("securecall.logins", "{login}", "Completed logins");

    /// <summary>Camera frames analysed by the face models, tagged with the outcome (<c>Face</c>, <c>NoFace</c>, <c>BadFrame</c>, <c>Busy</c>).</summary>
    public static readonly Counter<long> FramesAnalysed = Meter.CreateCounter<long>("securecall.frames.analysed", "{frame}", "Camera frames analysed");

    /// <summary>
    /// Deferred spoof cues and embeddings measured, tagged with who measured them: <c>lane</c> (spare time),
    /// <c>frame</c> (the lane's queue was full) or <c>session</c> (a session needed them at once). Many outside the lane
    /// mean the silo's cores have no spare time.
    /// </summary>
    public static readonly Counter<long> CuesMeasured = Meter.CreateCounter<long>("securecall.cues.measured", "{frame}", "Deferred spoof cues measured, by who measured them");

    /// <summary>Proof-of-life sessions decided, tagged with the final state (<c>Passed</c>, <c>Failed</c>, <c>Expired</c>, <c>Terminated</c>).</summary>
    public static readonly Counter<long> Verifications = Meter.CreateCounter<long>("securecall.verifications", "{session}", "Proof-of-life sessions decided, by outcome");

    /// <summary>Calls that started ringing.</summary>
    public static readonly Counter<long> CallsPlaced = Meter.CreateCounter<long>("securecall.calls.placed", "{call}", "Calls that started ringing");

    /// <summary>Calls that ended, tagged with their final state.</summary>
    public static readonly Counter<long> CallsEnded = Meter.CreateCounter<long>("securecall.calls.ended", "{call}", "Calls that ended, by final state");
}
