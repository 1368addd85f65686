using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SecureCall.E2E.Turn;

/// <summary>
/// A minimal TURN client over UDP (RFC 8656 with RFC 8489 long-term credentials): Allocate answers a 401 challenge with
/// USERNAME, REALM, NONCE and MESSAGE-INTEGRITY; CreatePermission reuses them. Used to show which allocations and peers
/// the shipped coturn configuration refuses.
/// </summary>
public sealed class TurnClient(IPEndPoint server) : IDisposable
{
    private static readonly byte[] UdpTransport = [17, 0, 0, 0];
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private (string Username, string Realm, string Nonce, byte[] Key)? _session;

    /// <summary>Sends a Binding request; true when the server answered with success.</summary>
    public async Task<bool> BindingAsync(CancellationToken cancellation)
    {
        var response = await SendAsync(StunMessage.Binding, [], null, cancellation);
        return response.Type == (StunMessage.Binding | StunMessage.SuccessClass);
    }

    /// <summary>
    /// Asks for a UDP relay with these credentials. Null error and the relayed address on success; the error code
    /// (401 for a credential the server does not accept) otherwise.
    /// </summary>
    public async Task<(int? Error, IPEndPoint? Relayed)> AllocateAsync(string username, string password, CancellationToken cancellation)
    {
        var challenge = await SendAsync(StunMessage.Allocate, [(StunMessage.RequestedTransport, UdpTransport)], null, cancellation);
        if (challenge.Type == (StunMessage.Allocate | StunMessage.SuccessClass))
        {
            // A server without authentication relays for anyone, whatever the credential.
            return (null, StunMessage.ReadXorAddress(challenge.Attribute(StunMessage.XorRelayedAddress)!));
        }
        if (challenge.Error != 401 || challenge.Attribute(StunMessage.Realm) is not { } realmBytes || challenge.Attribute(StunMessage.Nonce) is not { } nonceBytes)
        {
            throw new InvalidOperationException($"Expected a 401 challenge with REALM and NONCE, got type 0x{challenge.Type:x4} error {challenge.Error}.");
        }
        var realm = Encoding.UTF8.GetString(realmBytes);
        var nonce = Encoding.UTF8.GetString(nonceBytes);
        var key = StunMessage.LongTermKey(username, realm, password);
        _session = (username, realm, nonce, key);
        var response = await SendAsync(StunMessage.Allocate, [(StunMessage.RequestedTransport, UdpTransport), .. Credentials()], key, cancellation);
        if (response.Type == (StunMessage.Allocate | StunMessage.SuccessClass))
        {
            // A success response must carry the server's own MESSAGE-INTEGRITY with the same key.
            if (!response.HasIntegrity(key))
            {
                throw new CryptographicException("The allocation's success response has no valid MESSAGE-INTEGRITY.");
            }
            return (null, StunMessage.ReadXorAddress(response.Attribute(StunMessage.XorRelayedAddress)!));
        }
        return (response.Error ?? 0, null);
    }

    /// <summary>Asks the allocation made by <see cref="AllocateAsync"/> to accept traffic from <paramref name="peer"/>;
    /// null on success, else the error code (403 for a peer address the server forbids).</summary>
    public async Task<int?> CreatePermissionAsync(IPAddress peer, CancellationToken cancellation)
    {
        var key = _session?.Key ?? throw new InvalidOperationException("Allocate first.");
        var response = await SendAsync(StunMessage.CreatePermission,
            [(StunMessage.XorPeerAddress, StunMessage.XorAddress(new IPEndPoint(peer, 9))), .. Credentials()], key, cancellation);
        return response.Type == (StunMessage.CreatePermission | StunMessage.SuccessClass) ? null : response.Error ?? 0;
    }

    public void Dispose() => _udp.Dispose();

    private IEnumerable<(ushort, byte[])> Credentials()
    {
        var (username, realm, nonce, _) = _session!.Value;
        return [(StunMessage.Username, Encoding.UTF8.GetBytes(username)), (StunMessage.Realm, Encoding.UTF8.GetBytes(realm)), (StunMessage.Nonce, Encoding.UTF8.GetBytes(nonce))];
    }

    // UDP may lose a datagram: send up to 4 times, 500 ms apart, and take the first answer to this transaction.
    private async Task<StunMessage> SendAsync(ushort method, IEnumerable<(ushort, byte[])> attributes, byte[]? key, CancellationToken cancellation)
    {
        var transaction = RandomNumberGenerator.GetBytes(12);
        var request = StunMessage.Encode(method, transaction, attributes, key, fingerprint: true);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await _udp.SendAsync(request, server, cancellation);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            wait.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                while (true)
                {
                    var received = await _udp.ReceiveAsync(wait.Token);
                    var message = StunMessage.Parse(received.Buffer);
                    if (message.TransactionId.AsSpan().SequenceEqual(transaction))
                    {
                        return message;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
            }
        }
        throw new TimeoutException($"No answer from the TURN server at {server}.");
    }
}
