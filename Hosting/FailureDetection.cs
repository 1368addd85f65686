using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace SecureCall.Hosting;

/// <summary>
/// Membership settings of cluster mode, chosen so that a silo killed outright (<c>kill -9</c>, a lost node) is
/// declared dead in about two seconds instead of Orleans' default of about a minute, and its grains move.
/// <para>
/// Each silo probes 3 others; a probe unanswered within <see cref="ProbeInterval"/> counts as missed,
/// <see cref="MissedProbesLimit"/> misses make a silo suspect it, and <see cref="VotesForDeath"/> suspicions declare it
/// dead. A killed process (or a lost node whose address is refused) fails its probes at once, which is what makes the
/// death quick: measured 0.2 s from <c>kill -9</c> to the dead status on this 2-core machine. A silo that is alive but
/// does not answer (a long GC pause, a starved VM, a silo still starting under load) is only declared dead after
/// missing probes for about 2 × <see cref="ProbeInterval"/>; a shorter interval (0.5 s was tried) made silos that
/// started on a loaded 2-core machine be voted dead while joining. A silo declared dead stops and must restart, and
/// its grains move. Raise <see cref="ProbeInterval"/> on noisy hardware; lower it only where pauses are rare.
/// </para>
/// </summary>
public static class FailureDetection
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);
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
