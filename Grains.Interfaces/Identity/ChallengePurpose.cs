namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>What a challenge may be used for; a nonce issued for one purpose is refused for any other.</summary>
public enum ChallengePurpose
{
    Register = 1,
    Authenticate = 2,

    /// <summary>Redeems a liveness grant after a reload (<see cref="ILoginGrain.ResumeLivenessAsync"/>).</summary>
    Resume = 3,
}
