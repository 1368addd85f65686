using SecureCall.Options;
using SecureCall.Security.Passwords;

namespace SecureCall.Grains.Tests.Passwords;

public sealed class Argon2PasswordHasherTests
{
    private readonly Argon2PasswordHasher _hasher = new(Microsoft.Extensions.Options.Options.Create(
        new PasswordOptions { MemoryKiB = 1024, Iterations = 1, Parallelism = 1 }));

    [Fact]
    public void Hash_IsArgon2idPhcString()
    {
        var phc = _hasher.Hash("correct horse battery");

        Assert.StartsWith("$argon2id$v=19$m=1024,t=1,p=1$", phc);
        Assert.Equal(6, phc.Split('$').Length);
    }

    [Fact]
    public void Verify_RightPassword_IsTrue()
    {
        Assert.True(_hasher.Verify("correct horse battery", _hasher.Hash("correct horse battery")));
    }

    [Fact]
    public void Verify_WrongPassword_IsFalse()
    {
        Assert.False(_hasher.Verify("correct horse batterz", _hasher.Hash("correct horse battery")));
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        Assert.NotEqual(_hasher.Hash("same password"), _hasher.Hash("same password"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaA")]
    [InlineData("$argon2id$v=19$m=1024$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Verify_MalformedOrOutOfBoundsStoredHash_IsFalse(string stored)
    {
        Assert.False(_hasher.Verify("anything", stored));
    }

    [Fact]
    public void Verify_HashMadeWithOtherParameters_StillVerifies()
    {
        var stronger = new Argon2PasswordHasher(Microsoft.Extensions.Options.Options.Create(
            new PasswordOptions { MemoryKiB = 2048, Iterations = 2, Parallelism = 1 }));

        Assert.True(_hasher.Verify("upgrade me", stronger.Hash("upgrade me")));
    }
}
