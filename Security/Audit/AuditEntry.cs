using System.Text;
using SecureCall.Grains.Interfaces.Audit;

namespace SecureCall.Security.Audit;

/// <summary>
/// An event as every audit store keeps it: clipped to the column limits and stamped, at millisecond precision, with
/// the time it was appended. The limits are part of the format, so both back-ends clip alike.
/// </summary>
public sealed record AuditEntry(string Type, string Subject, string Source, string Detail, long TimestampMs)
{
    public const int MaxSubjectLength = 128;
    public const int MaxSourceLength = 128;
    public const int MaxDetailLength = 1024;

    public static AuditEntry Of(AuditEvent auditEvent, DateTimeOffset now) => new(
        auditEvent.Type.ToString(),
        Clip(auditEvent.Subject, MaxSubjectLength),
        Clip(auditEvent.Source, MaxSourceLength),
        Clip(auditEvent.Detail, MaxDetailLength),
        now.ToUnixTimeMilliseconds());

    /// <summary>The hash of this entry as record <paramref name="sequence"/>, linked to <paramref name="previous"/>.</summary>
    public byte[] Hash(long sequence, ReadOnlySpan<byte> previous) =>
        AuditChain.Hash(sequence, TimestampMs, Type, Subject, Source, Detail, previous);

    private static string Clip(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var clipped = value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
        // PostgreSQL text holds no NUL and no unpaired surrogate. The hash encodes a lone surrogate as U+FFFD anyway,
        // so stores that kept it (SQLite) hash alike.
        return clipped.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 && !clipped.Contains('\0')
            ? clipped
            : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(clipped)).Replace('\0', '\uFFFD');
    }
}
