using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace SecureCall.Hosting;

/// <summary>
/// Membership settings of cluster mode, chosen so that a silo killed outright (<c>kill -9</c>, a lost node) is
/// declared dead in about two seconds instead of Orleans' default of about a minute, and its grains move.
/// <para>
/// Each silo probes 3 others every <see cref="ProbeInterval"/>; a probe unanswered in <see cref="ProbeInterval"/>
/// counts as missed, <see cref="MissedProbesLimit"/> misses make a silo suspect it, and <see cref="VotesForDeath"/>
/// suspicions declare it dead. A killed process refuses connections at once, so its probes fail immediately.
/// The trade-off: a silo that pauses for longer than about a second (a long GC pause, a starved VM, a network blip)
/// can be declared dead although it lives; it then stops and must restart, and its grains move. Clusters on noisy
/// hardware should raise <see cref="ProbeInterval"/> (death time ≈ 2–3 × that interval).
/// </para>
/// </summary>
public static class FailureDetection
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(500);
    public const int MissedProbesLimit = 2;
    public const int VotesForDeath = 2;

    public static void Apply(IServiceCollection services) => services.Configure<ClusterMembershipOptions>(membership =>
    {
        membership.ProbeTimeout = ProbeInterval;
        membership.NumMissedProbesLimit = MissedProbesLimit;
        membership.NumVotesForDeathDeclaration = VotesForDeath;
        membership.NumProbedSilos = 3;
        // Other silos read the table this often, so a death declared by the voters reaches everyone quickly.
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        // A silo that stops without saying so is taken out of the gateway list clients read after this long.
        membership.DefunctSiloExpiration = TimeSpan.FromHours(1);
    });
}
