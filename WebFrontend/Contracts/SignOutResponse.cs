namespace SecureCall.WebFrontend.Contracts;

/// <summary>How many liveness grants the sign-out revoked.</summary>
public sealed record SignOutResponse(int RevokedGrants);
