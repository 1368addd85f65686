namespace SecureCall.Grains.Diagnostics;

/// <summary>Nothing is ever written; the probe only reads.</summary>
[GenerateSerializer, Alias("securecall.health-probe-state")]
public sealed class HealthProbeState;
