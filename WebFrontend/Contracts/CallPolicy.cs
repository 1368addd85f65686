namespace SecureCall.WebFrontend.Contracts;

/// <summary>A callee's own requirement on callers: the lowest verification score that may ring them (null: none).</summary>
public sealed record CallPolicy(double? MinimumCallerScore);
