using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// A cluster that notices a killed silo within a second or two and rings for 5 s, so a test can kill the silo holding
/// a ringing call and see its timeout fire on the survivor while it waits.
/// </summary>
public sealed class FailoverClusterFixture : ClusterFixture
{
    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(5);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("SecureCall:Signaling:RingTimeout", RingTimeout.ToString()),
    ];

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.Configure<ClusterMembershipOptions>(membership =>
    {
        membership.ProbeTimeout = TimeSpan.FromMilliseconds(500);
        membership.NumMissedProbesLimit = 1;
        membership.NumVotesForDeathDeclaration = 1;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
    });
}
