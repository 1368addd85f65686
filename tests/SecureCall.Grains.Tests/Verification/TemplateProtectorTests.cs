using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;
using SecureCall.Options;
using SecureCall.Security.Templates;

namespace SecureCall.Grains.Tests.Verification;

public sealed class TemplateProtectorTests : IAsyncLifetime
{
    private readonly ServiceFactory _services = new();
    private readonly float[] _template = Enumerable.Range(0, 1024).Select(i => MathF.Sin(i) * 0.05f).ToArray();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public void ProtectThenUnprotect_ReturnsTheTemplate()
    {
        var protector = Protector();

        var restored = protector.Unprotect("alice", protector.Protect("alice", _template));

        Assert.Equal(_template, restored);
    }

    [Fact]
    public void Protect_StoredBytesDoNotContainTheEmbedding()
    {
        var sealedTemplate = Protector().Protect("alice", _template);
        var stored = sealedTemplate.WrappedKey.Concat(sealedTemplate.Ciphertext).ToArray();
        var clear = MemoryMarshal.AsBytes(_template.AsSpan()).ToArray();

        // No 16-byte window of the clear embedding appears anywhere in what is stored.
        for (var offset = 0; offset + 16 <= clear.Length; offset += 16)
        {
            Assert.Equal(-1, stored.AsSpan().IndexOf(clear.AsSpan(offset, 16)));
        }
    }

    [Fact]
    public void Unprotect_TamperedCiphertext_IsRejected()
    {
        var protector = Protector();
        var sealedTemplate = protector.Protect("alice", _template);
        var tampered = sealedTemplate with { Ciphertext = Flip(sealedTemplate.Ciphertext, 40) };

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("alice", tampered));
    }

    [Fact]
    public void Unprotect_TamperedWrappedKey_IsRejected()
    {
        var protector = Protector();
        var sealedTemplate = protector.Protect("alice", _template);

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("alice", sealedTemplate with { WrappedKey = Flip(sealedTemplate.WrappedKey, 20) }));
    }

    [Fact]
    public void Unprotect_TemplateMovedToAnotherUser_IsRejected()
    {
        var protector = Protector();

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("mallory", protector.Protect("alice", _template)));
    }

    [Fact]
    public void Rewrap_AfterRotation_DecryptsWithoutTheOldKey()
    {
        var kekDirectory = Path.Combine(_services.DataDirectory, "kek");
        var old = Protector();
        var sealedTemplate = old.Protect("alice", _template);
        File.WriteAllText(Path.Combine(kekDirectory, "kek-new.kek"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var rotated = Protector(new TemplateKeyOptions { ActiveKeyId = "kek-new" });

        var rewrapped = rotated.Rewrap("alice", sealedTemplate);
        File.Delete(Path.Combine(kekDirectory, old.ActiveKeyId + ".kek"));
        var onlyNew = Protector(new TemplateKeyOptions { ActiveKeyId = "kek-new" });

        Assert.Equal("kek-new", rewrapped.KeyId);
        Assert.Equal(_template, onlyNew.Unprotect("alice", rewrapped));
        Assert.ThrowsAny<CryptographicException>(() => onlyNew.Unprotect("alice", sealedTemplate));
    }

    [Fact]
    public void Mean_OfScaledCopies_IsTheNormalisedDirection()
    {
        var mean = FaceTemplate.Mean([_template, _template.Select(v => v * 3).ToArray()]);

        var norm = MathF.Sqrt(_template.Sum(v => v * v));
        Assert.All(mean.Zip(_template), pair => Assert.Equal(pair.Second / norm, pair.First, 5));
    }

    private TemplateProtector Protector(TemplateKeyOptions? options = null) => new(
        Microsoft.Extensions.Options.Options.Create(options ?? new TemplateKeyOptions()), _services.StorageOptions, NullLogger<TemplateProtector>.Instance);

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
