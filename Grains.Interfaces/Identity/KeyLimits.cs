namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>Size bounds of key material on the wire, checked by the frontend before decoding and by the silo again.</summary>
public static class KeyLimits
{
    /// <summary>Largest public key (SubjectPublicKeyInfo DER) accepted, in bytes.</summary>
    public const int MaxSpkiBytes = 1024;

    /// <summary>Largest signature accepted, in bytes (RSA-4096 is 512).</summary>
    public const int MaxSignatureBytes = 512;
}
