namespace SecureCall.WebFrontend.Hosting;

/// <summary>STUN/TURN servers handed to browsers; TURN credentials follow coturn's <c>use-auth-secret</c> scheme.</summary>
public sealed class IceServerOptions
{
    public const string SectionName = "SecureCall:IceServers";

    /// <summary>STUN URLs, e.g. <c>stun:turn.example.org:3478</c>; empty means none (fine on a LAN).</summary>
    public List<string> StunUrls { get; set; } = [];

    /// <summary>TURN URLs, e.g. <c>turns:turn.example.org:5349</c>; require <see cref="TurnSharedSecret"/>.</summary>
    public List<string> TurnUrls { get; set; } = [];

    /// <summary>The secret shared with the TURN server (<c>static-auth-secret</c> in coturn). Keep it out of git.</summary>
    public string? TurnSharedSecret { get; set; }

    /// <summary>How long issued TURN credentials stay valid.</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// <see cref="IceTransportPolicy.Relay"/> makes every call go through the TURN server (hides people's IP addresses
    /// from each other; needs <see cref="TurnUrls"/>); <see cref="IceTransportPolicy.All"/> (default) lets peers connect
    /// directly when they can.
    /// </summary>
    public IceTransportPolicy IceTransportPolicy { get; set; } = IceTransportPolicy.All;
}
