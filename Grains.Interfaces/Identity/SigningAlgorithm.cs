namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>Signature schemes a browser key may use (JOSE names).</summary>
public enum SigningAlgorithm
{
    /// <summary>ECDSA P-256 with SHA-256, IEEE P1363 r‖s signatures as WebCrypto produces them.</summary>
    ES256 = 1,

    /// <summary>RSA-PSS with SHA-256 and a 32-byte salt, keys of 2048 bits or more.</summary>
    PS256 = 2,
}
