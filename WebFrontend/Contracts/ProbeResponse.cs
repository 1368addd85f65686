namespace SecureCall.WebFrontend.Contracts;

/// <summary>A probe's answer: overall status and each check.</summary>
public sealed record ProbeResponse(string Status, IReadOnlyList<ProbeCheck> Checks);
