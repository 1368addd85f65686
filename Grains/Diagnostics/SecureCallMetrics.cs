using System.Diagnostics.Metrics;
using SecureCall.Grains.Interfaces.Diagnostics;

namespace SecureCall.Grains.Diagnostics;

/// <summary>The product's own counters (meter <see cref="TelemetryNames.Meter"/>), exported by the host's telemetry.</summary>
public static class SecureCallMetrics
{
    private static readonly Meter Meter = new(TelemetryNames.Meter);

    /// <summary>Tokens issued by a login, tagged with the method (<c>sig</c> or <c>pwd</c>).</summary>
    public static readonly Counter<long> Logins = Meter.CreateCounter<long>("securecall.logins", "{login}", "Completed logins");

    /// <summary>Calls that started ringing.</summary>
    public static readonly Counter<long> CallsPlaced = Meter.CreateCounter<long>("securecall.calls.placed", "{call}", "Calls that started ringing");

    /// <summary>Calls that ended, tagged with their final state.</summary>
    public static readonly Counter<long> CallsEnded = Meter.CreateCounter<long>("securecall.calls.ended", "{call}", "Calls that ended, by final state");
}
