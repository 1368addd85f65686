namespace SecureCall.Grains.Interfaces.Diagnostics;

/// <summary>Names of this product's own meter and activity source, for hosts that export telemetry.</summary>
public static class TelemetryNames
{
    public const string Meter = "SecureCall";
    public const string ActivitySource = "SecureCall";
}
