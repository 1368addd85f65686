using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Templates;

namespace SecureCall.Grains.Identity;

/// <summary>Persisted state of <see cref="UserGrain"/>. Never renumber the ids.</summary>
[GenerateSerializer, Alias("securecall.user-state")]
public sealed class UserState
{
    [Id(0)] public string DisplayName { get; set; } = "";
    [Id(1)] public string? Email { get; set; }
    [Id(2)] public string? PasswordHash { get; set; }
    [Id(3)] public PublicKeyRecord? SigningKey { get; set; }
    [Id(4)] public PublicKeyRecord? AgreementKey { get; set; }
    [Id(5)] public List<PublicKeyRecord> KeyHistory { get; set; } = [];
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public List<DateTimeOffset> RecentLoginFailures { get; set; } = [];
    [Id(8)] public DateTimeOffset? LockedUntil { get; set; }
    [Id(9)] public double? MinimumCallerScore { get; set; }
    [Id(10)] public EncryptedTemplate? FaceTemplate { get; set; }

    /// <summary>Names the enrolled template: new at every enrolment, carried by face-unlock tokens (<c>ftid</c>).</summary>
    [Id(11)] public string? FaceTemplateId { get; set; }

    /// <summary>The unexpired live tokens' assurance, bound to the signing key (see <c>UserGrain.LivenessGrants</c>).</summary>
    [Id(12)] public List<LivenessGrant> LivenessGrants { get; set; } = [];
}
