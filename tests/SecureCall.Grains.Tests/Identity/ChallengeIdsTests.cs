using SecureCall.Grains.Identity;

namespace SecureCall.Grains.Tests.Identity;

public sealed class ChallengeIdsTests
{
    [Fact]
    public void New_NamesItsUserAndIsRandom()
    {
        var first = ChallengeIds.New("alice.b-c_d");
        var second = ChallengeIds.New("alice.b-c_d");

        Assert.True(ChallengeIds.TryGetUserId(first, out var userId));
        Assert.Equal("alice.b-c_d", userId);
        Assert.NotEqual(first, second);
        Assert.Equal(24, first.Length - "alice.b-c_d:".Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-separator")]
    [InlineData(":random")]
    [InlineData("alice:")]
    [InlineData("Alice:random")]
    [InlineData("a:random")]
    [InlineData("al ice:random")]
    [InlineData("alice\n:random")]
    public void TryGetUserId_NotAnIdThisServerIssues_IsFalse(string? challengeId)
    {
        Assert.False(ChallengeIds.TryGetUserId(challengeId, out _));
    }
}
