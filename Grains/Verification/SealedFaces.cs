using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Templates;

namespace SecureCall.Grains.Verification;

/// <summary>Converts between the sealed template at rest (<see cref="EncryptedTemplate"/>) and its wire form between grains.</summary>
public static class SealedFaces
{
    public static SealedFace Seal(this TemplateProtector templates, string userId, ReadOnlySpan<float> template)
    {
        var sealedTemplate = templates.Protect(userId, template);
        return new SealedFace(sealedTemplate.KeyId, sealedTemplate.WrappedKey, sealedTemplate.Ciphertext, sealedTemplate.Dimensions);
    }

    /// <summary>Opens a sealed face; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it was not sealed for this user with the silo's key.</summary>
    public static float[] Open(this TemplateProtector templates, string userId, SealedFace face) =>
        templates.Unprotect(userId, new EncryptedTemplate(face.KeyId, face.WrappedKey, face.Ciphertext, face.Dimensions));
}
