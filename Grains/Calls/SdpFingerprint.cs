namespace SecureCall.Grains.Calls;

/// <summary>
/// Reads the DTLS fingerprints (<c>a=fingerprint:sha-256 AB:CD:…</c>) from an SDP. A signed offer must name the one
/// fingerprint its SDP uses, so a server that swaps the SDP's certificate breaks the caller's signature.
/// Attribute names are case-insensitive (RFC 8866) and browsers accept a certificate matching any listed digest, so
/// every spelling at session and media level counts, and lines break at CR or LF as lenient parsers split them.
/// </summary>
public static class SdpFingerprint
{
    private const string Prefix = "a=fingerprint:";
    private static readonly char[] LineBreaks = ['\r', '\n'];

    /// <summary>Every fingerprint line, normalised to <c>algorithm HEX:HEX…</c> with upper-case hex.</summary>
    public static IReadOnlyList<string> Extract(string sdp)
    {
        var found = new List<string>();
        foreach (var rawLine in sdp.Split(LineBreaks))
        {
            var line = rawLine.TrimStart();
            if (line.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(Normalize(line[Prefix.Length..]));
            }
        }
        return found;
    }

    /// <summary>Canonical form: lower-case algorithm, one space, upper-case colon-separated hex.</summary>
    public static string Normalize(string fingerprint)
    {
        var parts = fingerprint.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 ? $"{parts[0].ToLowerInvariant()} {parts[1].Trim().ToUpperInvariant()}" : fingerprint.Trim();
    }

    /// <summary>True when the SDP carries at least one fingerprint and all of them equal <paramref name="signed"/>.</summary>
    public static bool Matches(string sdp, string signed)
    {
        var expected = Normalize(signed);
        var found = Extract(sdp);
        return found.Count > 0 && found.All(f => string.Equals(f, expected, StringComparison.Ordinal)) && expected.StartsWith("sha-256 ", StringComparison.Ordinal);
    }
}
