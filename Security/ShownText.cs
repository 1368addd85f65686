using System.Globalization;
using System.Text;

namespace SecureCall.Security;

/// <summary>
/// Rules for text one user chooses and another user is shown (display names, hang-up reasons): Unicode NFC, and no
/// character that can hide or disguise what is shown (controls, format characters such as bidi overrides and
/// zero-width characters, line and paragraph separators, private-use and unassigned code points, broken surrogates).
/// </summary>
public static class ShownText
{
    /// <summary>Whether <paramref name="rune"/> may appear in text shown to another user.</summary>
    public static bool IsShowable(Rune rune) => Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate);

    /// <summary>True when <paramref name="text"/> is well-formed UTF-16 and every character is showable.</summary>
    public static bool IsShowable(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done || !IsShowable(rune))
            {
                return false;
            }
            rest = rest[used..];
        }
        return true;
    }

    /// <summary>
    /// <paramref name="text"/> in Unicode Normalization Form C, so one name has one spelling. The host runs with
    /// invariant globalization, where <see cref="string.Normalize()"/> changes nothing, hence the ICU-free implementation.
    /// </summary>
    public static string ToNfc(string text) => ADRaffy.ENSNormalize.ENSNormalize.NF.NFC(text);

    /// <summary>
    /// Free text from one user for another (e.g. a hang-up reason): unshowable characters dropped, NFC, at most
    /// <paramref name="maxLength"/> UTF-16 units (never splitting a surrogate pair).
    /// </summary>
    public static string Sanitize(string text, int maxLength)
    {
        var kept = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var used);
            if (status == System.Buffers.OperationStatus.Done && IsShowable(rune))
            {
                kept.Append(rest[..used]);
            }
            rest = rest[used..];
        }
        var normalized = ToNfc(kept.ToString());
        if (normalized.Length <= maxLength)
        {
            return normalized;
        }
        return normalized[..(char.IsHighSurrogate(normalized[maxLength - 1]) ? maxLength - 1 : maxLength)];
    }
}
