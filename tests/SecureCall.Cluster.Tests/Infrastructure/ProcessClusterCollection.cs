namespace SecureCall.Cluster.Tests.Infrastructure;

/// <summary>Tests that start a cluster of processes run one after another: two clusters at once would starve 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusterCollection
{
    public const string Name = "process clusters";
}
