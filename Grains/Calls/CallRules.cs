using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Options;

namespace SecureCall.Grains.Calls;

/// <summary>Shape and policy checks on call messages, before any signature is verified.</summary>
public static partial class CallRules
{
    /// <summary>The reason of a call that gave way to the other person's call placed at the same moment (glare).</summary>
    public const string CrossedReason = "crossed";

    public const int NonceBytes = 32;

    public static void EnsureCallId(string callId)
    {
        if (!CallIdPattern().IsMatch(callId))
        {
            throw Invalid("callId must be 16 to 64 base64url characters.");
        }
    }

    public static void EnsureAssurance(CallerAssurance who, SignalingOptions options)
    {
        var missing = options.RequiredAmrValues.Where(required => !who.Amr.Contains(required, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance,
                $"Calls need a token proving {string.Join(" and ", options.RequiredAmrValues)}; this one lacks {string.Join(", ", missing)}.");
        }
    }

    /// <summary>How many ICE-restart offers and answers one call may relay.</summary>
    public const int MaxRenegotiations = 20;

    public static void EnsureSdpSize(string? sdp, SignalingOptions options)
    {
        if (string.IsNullOrEmpty(sdp) || Encoding.UTF8.GetByteCount(sdp) > options.MaxSdpBytes)
        {
            throw new SecureCallException(FailureCode.LimitExceeded, $"sdp must be 1 to {options.MaxSdpBytes} bytes.");
        }
    }

    public static void EnsureDescription(string sdp, string fingerprint, string nonce, string signature, SignalingOptions options)
    {
        EnsureSdpSize(sdp, options);
        if (nonce is null || nonce.Length != Base64Url.GetEncodedLength(NonceBytes) || !IsStrictBase64Url(nonce))
        {
            throw Invalid($"nonce must be {NonceBytes} random bytes in base64url.");
        }
        if (string.IsNullOrEmpty(signature) || signature.Length > 1024 || !IsStrictBase64Url(signature))
        {
            throw Invalid("signature must be base64url.");
        }
        if (string.IsNullOrEmpty(fingerprint) || fingerprint.Length > 256 || fingerprint.Contains('\n', StringComparison.Ordinal))
        {
            throw Invalid("fingerprint must be the SDP's 'sha-256 AB:CD:…' value.");
        }
        if (!SdpFingerprint.Matches(sdp, fingerprint))
        {
            throw new SecureCallException(FailureCode.FingerprintMismatch, "The signed fingerprint is not the DTLS fingerprint in the SDP.");
        }
    }

    public static void EnsureCandidate(IceCandidate candidate)
    {
        if (candidate.Candidate is null || candidate.Candidate.Length > SignalingOptions.DefaultMaxCandidateLength
            || (candidate.SdpMid?.Length ?? 0) > 64 || candidate.SdpMLineIndex is < 0 or > 64)
        {
            throw Invalid($"candidate must be at most {SignalingOptions.DefaultMaxCandidateLength} characters with a short sdpMid.");
        }
    }

    private static SecureCallException Invalid(string message) => new(FailureCode.InvalidInput, message);

    // Base64Url.IsValid on its own skips embedded whitespace and accepts padding: only the 64 alphabet characters pass.
    private static bool IsStrictBase64Url(string value) => !value.AsSpan().ContainsAnyExcept(Base64UrlAlphabet) && Base64Url.IsValid(value);

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    // Whole-string anchors: '$' would also accept a trailing newline.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{16,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CallIdPattern();
}
