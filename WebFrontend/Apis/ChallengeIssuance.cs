using Microsoft.AspNetCore.Http.HttpResults;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.WebFrontend.Contracts;

namespace SecureCall.WebFrontend.Apis;

/// <summary>The one way both challenge endpoints (registration and login) issue a challenge.</summary>
internal static class ChallengeIssuance
{
    public static async Task<Ok<ChallengeResponse>> IssueAsync(IGrainFactory grains, ChallengeRequest request, ChallengePurpose purpose)
    {
        UserIds.EnsureValid(request.UserId);
        var challenge = await grains.GetGrain<IUserGrain>(request.UserId).IssueChallengeAsync(purpose);
        return TypedResults.Ok(new ChallengeResponse(challenge.ChallengeId, challenge.Nonce, challenge.ExpiresAt));
    }
}
