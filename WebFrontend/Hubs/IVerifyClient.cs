using SecureCall.WebFrontend.Realtime;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>What the verification hub pushes while frames stream: feedback, challenge changes, the result, errors.</summary>
public interface IVerifyClient
{
    Task Verification(VerificationEvent verificationEvent);
}
