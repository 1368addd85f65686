namespace SecureCall.Grains.Interfaces.Errors;

/// <summary>
/// A refusal with a code and a message that is safe to show to the caller. It crosses grain boundaries unchanged
/// so the host maps <see cref="Code"/> to a status without parsing text.
/// </summary>
[GenerateSerializer, Alias("securecall.error")]
public sealed class SecureCallException : Exception
{
    public SecureCallException(FailureCode code, string message) : base(message) => Code = code;

    [Id(0)]
    public FailureCode Code { get; init; }
}
