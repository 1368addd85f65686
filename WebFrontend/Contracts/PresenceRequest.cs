namespace SecureCall.WebFrontend.Contracts;

/// <summary>Whose presence to look up: at most <see cref="MaxUsers"/> user ids (a contact list).</summary>
public sealed record PresenceRequest(IReadOnlyList<string>? UserIds)
{
    public const int MaxUsers = 100;
}
