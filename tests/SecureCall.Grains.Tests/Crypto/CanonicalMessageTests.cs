using System.Text;
using SecureCall.Security.Crypto;

namespace SecureCall.Grains.Tests.Crypto;

public sealed class CanonicalMessageTests
{
    [Fact]
    public void Register_ProducesHeaderAndNewlineSeparatedFields()
    {
        var bytes = CanonicalMessage.Register("alice", "ch1", "bm9uY2U", "fp");

        Assert.Equal("securecall/register/v1\nalice\nch1\nbm9uY2U\nfp", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Authenticate_ProducesHeaderAndNewlineSeparatedFields()
    {
        var bytes = CanonicalMessage.Authenticate("alice", "ch1", "bm9uY2U");

        Assert.Equal("securecall/auth/v1\nalice\nch1\nbm9uY2U", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void DifferentPurposes_OverSameFields_SignDifferentBytes()
    {
        Assert.NotEqual(CanonicalMessage.Register("a", "b", "c", "d"), CanonicalMessage.Build(CanonicalMessage.AuthenticateHeader, "a", "b", "c", "d"));
    }

    [Fact]
    public void Build_FieldWithNewline_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => CanonicalMessage.Authenticate("alice\nmallory", "c", "n"));
    }

    [Fact]
    public void Fingerprint_IsBase64UrlSha256OfSpki()
    {
        var fingerprint = KeyFingerprint.Of([1, 2, 3]);

        Assert.Equal(43, fingerprint.Length);
        Assert.DoesNotContain('=', fingerprint);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(new byte[] { 1, 2, 3 }))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_'), fingerprint);
    }
}
