using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Tokens;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// A cluster frontend's token validation keys: the public keys of the silos' signing keys, fetched through
/// <see cref="ITokenKeysGrain"/> before the frontend serves anything, then every <see cref="RefreshInterval"/> and
/// when a token names a kid not seen yet (at most every <see cref="UnknownKidRefreshInterval"/>). No private key is
/// ever on a frontend. A key added by rotation validates here within one refresh: make a new key active only after
/// that (docs/cluster-tls.md).
/// </summary>
public sealed class ClusterTokenKeys(IGrainFactory grains, ILogger<ClusterTokenKeys> logger) : BackgroundService, ITokenValidationKeys
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan UnknownKidRefreshInterval = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, RsaSecurityKey> _keys = new(StringComparer.Ordinal);
    private readonly IntervalGate _unknownKidRefresh = new(UnknownKidRefreshInterval);

    public IReadOnlyCollection<RsaSecurityKey> All => _keys.Values.ToList();

    public bool TryGet(string kid, out RsaSecurityKey key)
    {
        if (_keys.TryGetValue(kid, out key!))
        {
            return true;
        }
        // This token fails; the refresh lets the next one with a newly rotated kid pass.
        if (_unknownKidRefresh.TryPass())
        {
            _ = RefreshAsync();
        }
        return false;
    }

    /// <summary>Blocks the host's start until the keys are loaded, so no request is validated against an empty set.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        while (!await RefreshAsync())
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RefreshAsync();
        }
    }

    private async Task<bool> RefreshAsync()
    {
        try
        {
            var keys = await grains.GetGrain<ITokenKeysGrain>(0).GetPublicKeysAsync();
            foreach (var published in keys)
            {
                var rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(published.SubjectPublicKeyInfo, out _);
                // The kid is derived from the key itself: a key is only ever filed under its own kid.
                var kid = SigningKeyRing.KeyIdOf(rsa);
                if (rsa.KeySize < 2048 || kid != published.KeyId || !_keys.TryAdd(kid, new RsaSecurityKey(rsa) { KeyId = kid }))
                {
                    rsa.Dispose();
                }
            }
            // Keys removed on the silos stop validating here too.
            foreach (var kid in _keys.Keys.Except(keys.Select(k => k.KeyId)))
            {
                _keys.TryRemove(kid, out _);
            }
            return _keys.Count > 0;
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or CryptographicException)
        {
            logger.LogWarning(exception, "Fetching the token validation keys from the silos failed; retrying");
            return false;
        }
    }
}
