using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Crypto;

namespace SecureCall.Grains.Tests.Identity;

/// <summary>Drives the user grains' challenges the way the HTTP API does, signing like a browser.</summary>
public static class IdentityFlow
{
    public static async Task<RegisteredUser> RegisterAsync(IGrainFactory grains, string userId, TestKeys keys, string? password = null)
    {
        var challenge = await grains.GetGrain<IUserGrain>(userId).IssueChallengeAsync(ChallengePurpose.Register);
        return await grains.GetGrain<IUserGrain>(userId).CompleteRegistrationAsync(Registration(userId, keys, challenge, password));
    }

    public static KeyRegistration Registration(string userId, TestKeys keys, IssuedChallenge challenge, string? password = null, string? signFor = null)
    {
        var signed = CanonicalMessage.Register(signFor ?? userId, challenge.ChallengeId, challenge.Nonce, KeyFingerprint.Of(keys.SigningSpki));
        return new KeyRegistration(userId, userId, SigningAlgorithm.ES256, keys.SigningSpki, keys.AgreementSpki, password,
            challenge.ChallengeId, keys.Sign(signed));
    }

    public static byte[] SignAuthentication(string userId, TestKeys keys, IssuedChallenge challenge) =>
        keys.Sign(CanonicalMessage.Authenticate(userId, challenge.ChallengeId, challenge.Nonce));
}
