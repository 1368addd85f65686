using System.Text;
using SecureCall.E2E.Turn;

namespace SecureCall.E2E;

/// <summary>The test's STUN encoding against RFC 5769's sample messages (short-term key "VOkJxbRl1RmTxUk/WvJxBt").</summary>
public sealed class StunMessageTests
{
    private static readonly byte[] Password = Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");

    // RFC 5769 §2.1, sample request (SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME "evtj:h6vY", MESSAGE-INTEGRITY, FINGERPRINT).
    private static readonly byte[] SampleRequest = Convert.FromHexString(
        "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e20746573742063" + "6c69656e74002400046e0001ff80290008932ff9b151263b36"
        + "000600096576746a3a6836765920202000080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");

    // RFC 5769 §2.2, sample IPv4 response (SOFTWARE, XOR-MAPPED-ADDRESS 192.0.2.1:32853, MESSAGE-INTEGRITY, FINGERPRINT).
    private static readonly byte[] SampleResponse = Convert.FromHexString(
        "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220" + "00200008" + "0001a147e112a643"
        + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96");

    [Fact]
    public void SampleRequest_IntegrityAndFingerprint_AreTheRfcs()
    {
        var message = StunMessage.Parse(SampleRequest);

        Assert.Equal(StunMessage.Binding, message.Type);
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(message.Attribute(StunMessage.Username)!));
        Assert.True(message.HasIntegrity(Password));
        Assert.True(message.HasValidFingerprint());
        Assert.False(message.HasIntegrity(Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBu")));
    }

    [Fact]
    public void SampleResponse_MappedAddressIntegrityAndFingerprint_AreTheRfcs()
    {
        var message = StunMessage.Parse(SampleResponse);

        Assert.Equal(StunMessage.Binding | StunMessage.SuccessClass, message.Type);
        Assert.Equal("192.0.2.1:32853", StunMessage.ReadXorAddress(message.Attribute(0x0020)!).ToString());
        Assert.True(message.HasIntegrity(Password));
        Assert.True(message.HasValidFingerprint());
    }

    [Fact]
    public void AnAlteredByte_FailsIntegrityAndFingerprint()
    {
        var altered = (byte[])SampleRequest.Clone();
        altered[55] ^= 0x01; // inside the ICE-CONTROLLED value

        var message = StunMessage.Parse(altered);

        Assert.False(message.HasIntegrity(Password));
        Assert.False(message.HasValidFingerprint());
    }

    [Fact]
    public void Encode_RebuildsTheSampleRequestsIntegrityAndFingerprint()
    {
        var sample = StunMessage.Parse(SampleRequest);
        // The RFC pads USERNAME with spaces; padding is covered by the HMAC, so keep its bytes.
        var attributes = sample.Attributes.Where(a => a.Type is not (StunMessage.MessageIntegrity or StunMessage.Fingerprint)).Select(a => (a.Type, a.Value)).ToList();

        var encoded = StunMessage.Encode(sample.Type, sample.TransactionId, attributes, Password, fingerprint: true);

        // Our encoder pads with zeros: equal up to USERNAME's padding, and its integrity checks out under the same key.
        Assert.Equal(SampleRequest.Length, encoded.Length);
        Assert.Equal(SampleRequest[..73], encoded[..73]);
        var reparsed = StunMessage.Parse(encoded);
        Assert.True(reparsed.HasIntegrity(Password));
        Assert.True(reparsed.HasValidFingerprint());
    }
}
