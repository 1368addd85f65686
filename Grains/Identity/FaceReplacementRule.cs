using System.Security.Cryptography;
using System.Text;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Grains.Identity;

/// <summary>
/// Replacing an enrolled face: a signature login alone is not enough (whoever holds an unlocked device would enrol
/// their own face), so the token must come from a face unlock, a passing verification session whose face matched
/// the template enrolled now (<c>amr</c> sig, live and face, and that template's id), issued at most
/// <c>FaceReplacementMaxAge</c> ago. Losing the match has a recovery that is never silent: a new identity
/// (docs/verification.md).
/// </summary>
public static class FaceReplacementRule
{
    public static readonly string[] RequiredAmr = [ClaimNames.Signature, ClaimNames.Liveness, ClaimNames.Face];

    public static void Ensure(CheckedProof proof, string? currentTemplateId, DateTimeOffset now, TimeSpan maxAge)
    {
        if (RequiredAmr.FirstOrDefault(m => !proof.Methods.Contains(m, StringComparer.Ordinal)) is { } missing)
        {
            throw Refused(maxAge, $"this token lacks amr {missing}");
        }
        if (currentTemplateId is null || proof.FaceTemplateId is null || !SameId(proof.FaceTemplateId, currentTemplateId))
        {
            throw Refused(maxAge, "this token's face unlock matched an earlier face, not the one enrolled now");
        }
        if (proof.AgeAt(now) > maxAge)
        {
            throw Refused(maxAge, $"this token's face unlock is {proof.AgeAt(now).TotalMinutes:0.#} minutes old");
        }
    }

    /// <summary>Constant time: the ids are not secret, but a comparison that leaks nothing costs nothing.</summary>
    private static bool SameId(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static SecureCallException Refused(TimeSpan maxAge, string why) => new(FailureCode.InsufficientAssurance,
        $"Replacing an enrolled face needs a face unlock against it (a verification session whose face matched, amr sig live face) "
        + $"at most {maxAge.TotalMinutes:0.#} minutes old: {why}. If your enrolled face no longer matches you, the recovery is a new "
        + "identity (docs/verification.md, \"Losing the face match\").");
}
