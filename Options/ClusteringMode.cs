namespace SecureCall.Options;

/// <summary>Where silo membership comes from.</summary>
public enum ClusteringMode
{
    Localhost,
    External,
}
