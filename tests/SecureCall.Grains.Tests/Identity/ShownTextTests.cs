using SecureCall.Grains.Identity;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security;

namespace SecureCall.Grains.Tests.Identity;

/// <summary>Ids and the text one user shows another: whole-string checks, no hidden characters, one spelling.</summary>
public sealed class ShownTextTests
{
    [Theory]
    [InlineData("name\n")]
    [InlineData("name\r\n")]
    [InlineData("\nname")]
    [InlineData("na\nme")]
    public void UserIds_WithANewlineAnywhere_AreInvalid(string userId)
    {
        Assert.False(UserIds.IsValid(userId));
        Assert.Equal(FailureCode.InvalidInput, Assert.Throws<SecureCallException>(() => UserIds.EnsureValid(userId)).Code);
    }

    [Theory]
    [InlineData("Bob \u202egnp.exe")]
    [InlineData("zero\u200bwidth")]
    [InlineData("\u200dJoined")]
    [InlineData("\u2066isolated\u2069")]
    [InlineData("soft\u00adhyphen")]
    [InlineData("bom\ufeff")]
    [InlineData("line\u2028separator")]
    [InlineData("private\ue000use")]
    [InlineData("tab\there")]
    public void DisplayName_WithHiddenOrFormatCharacters_IsRefused(string displayName)
    {
        var error = Assert.Throws<SecureCallException>(() => RegistrationRules.EnsureDisplayName(displayName));

        Assert.Equal(FailureCode.InvalidInput, error.Code);
    }

    [Fact]
    public void DisplayName_WithABrokenSurrogate_IsRefused()
    {
        // Not as InlineData: test-case serialisation would turn the lone surrogate into U+FFFD.
        var error = Assert.Throws<SecureCallException>(() => RegistrationRules.EnsureDisplayName("broken \ud800 surrogate"));

        Assert.Equal(FailureCode.InvalidInput, error.Code);
    }

    [Theory]
    [InlineData("Rene\u0301e", "Ren\u00e9e")]
    [InlineData("A\u030a", "\u00c5")]
    [InlineData("Zoë 🎉", "Zoë 🎉")]
    [InlineData("李小龍", "李小龍")]
    public void DisplayName_IsReturnedInNfc(string displayName, string expected)
    {
        Assert.Equal(expected, RegistrationRules.EnsureDisplayName(displayName));
    }

    [Fact]
    public void Sanitize_DropsHiddenCharacters_NormalisesAndCapsTheLength()
    {
        Assert.Equal("busy, exe.gnp", ShownText.Sanitize("busy\u200b, \u202eexe.gnp", 64));
        Assert.Equal("\u00e9t\u00e9", ShownText.Sanitize("e\u0301te\u0301", 64));
        Assert.Equal("ab", ShownText.Sanitize("ab🎉", 3));
    }
}
