namespace SecureCall.WebFrontend.Contracts;

/// <summary>One readiness check: its name, whether it passed, why not, and how long it took (ms) when measured.</summary>
public sealed record ProbeCheck(string Name, bool Healthy, string? Problem, double? Milliseconds);
