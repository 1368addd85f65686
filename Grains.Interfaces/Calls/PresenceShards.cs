using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// Which <see cref="IPresenceShardGrain"/> holds a user's presence. A constant, not a setting: every frontend and silo
/// of a cluster must place a user in the same shard, and a stable hash (SHA-256, not <see cref="string.GetHashCode()"/>,
/// which differs per process) does that without configuration that could disagree.
/// </summary>
public static class PresenceShards
{
    /// <summary>How many shards there are: enough to spread the look-ups of a large cluster, few enough to stay resident.</summary>
    public const int Count = 32;

    public static int Of(string userId) =>
        (int)(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(userId))) % Count);
}
