using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Storage;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Challenges;
using SecureCall.Security.Crypto;
using SecureCall.Security.Passwords;
using SecureCall.Security.Templates;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Identity;

/// <summary>One user: keys and their history, password hash, lockout, and the signature challenges issued to it
/// (kept in the shared <see cref="IChallengeStore"/>). Failure counters for names that do not exist live only in
/// memory, so probing unknown names behaves like probing real ones without creating rows.</summary>
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Users)] IPersistentState<UserState> state,
    Argon2PasswordHasher passwords,
    IAuditLog audit,
    IChallengeStore challenges,
    IOptions<ChallengeOptions> challengeOptions,
    IOptions<PasswordOptions> passwordOptions,
    IOptions<VerificationOptions> faceOptions,
    TemplateProtector templates,
    TokenValidator tokenValidator,
    SecurityClock time) : Grain, IUserGrain
{
    private readonly SlidingWindowLimiter _challengeLimiter = new(challengeOptions.Value.ChallengesPerMinutePerUser, TimeSpan.FromMinutes(1));
    private AsymmetricAlgorithm? _signingKey;

    /// <summary>The token <see cref="SetMinimumCallerScoreAsync"/> needs: who may ring the user is set with the key only.</summary>
    private static readonly string[] PolicyAmr = [ClaimNames.Signature];

    private string UserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        UserIds.EnsureValid(UserId);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _signingKey?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stores device keys whose proof of possession <see cref="CompleteRegistrationAsync"/> has checked.</summary>
    private async Task<RegisteredUser> AddVerifiedKeysAsync(KeyRegistration registration)
    {
        if (state.State.SigningKey is not null)
        {
            throw new SecureCallException(FailureCode.AlreadyRegistered, "This user already has a device key.");
        }
        var now = time.GetUtcNow();
        if (state.State.PasswordHash is { } hash)
        {
            // A password account proves it owns the name before a device key is bound to it.
            if (registration.Password is null)
            {
                throw new SecureCallException(FailureCode.PasswordRequired, "This account has a password; include it to add a device key.");
            }
            await CheckPasswordAsync(registration.Password, hash, now);
        }
        else if (registration.Password is not null)
        {
            EnsurePasswordShape(registration.Password);
            state.State.PasswordHash = await Task.Run(() => passwords.Hash(registration.Password));
        }

        var signing = new PublicKeyRecord(registration.Algorithm.ToString(), registration.SigningSpki, KeyFingerprint.Of(registration.SigningSpki), now, null);
        var agreement = new PublicKeyRecord("ECDH-P256", registration.AgreementSpki, KeyFingerprint.Of(registration.AgreementSpki), now, null);
        state.State.SigningKey = signing;
        state.State.AgreementKey = agreement;
        state.State.KeyHistory.Add(signing);
        state.State.KeyHistory.Add(agreement);
        state.State.DisplayName = RegistrationRules.EnsureDisplayName(registration.DisplayName);
        if (!state.RecordExists)
        {
            state.State.CreatedAt = now;
        }
        await state.WriteStateAsync();
        _signingKey = null;
        await audit.AppendAsync(new AuditEvent(AuditEventType.UserRegistered, UserId, AuditSource.Current, $"{signing.Algorithm} key {signing.Fingerprint}"));
        return new RegisteredUser(UserId, signing.Fingerprint);
    }

    public Task<bool> VerifySignatureAsync(byte[] data, byte[] signature)
    {
        if (state.State.SigningKey is not { } record || !Enum.TryParse<SigningAlgorithm>(record.Algorithm, out var algorithm))
        {
            return Task.FromResult(false);
        }
        _signingKey ??= PublicKeys.ImportSigningKey(algorithm, record.Spki);
        return Task.FromResult(SignatureVerifier.Verify(_signingKey, data, signature));
    }

    public Task<UserKeys?> GetKeysAsync() => Task.FromResult(
        state.State is { SigningKey: { } signing, AgreementKey: { } agreement }
            ? new UserKeys(UserId, state.State.DisplayName, signing, agreement, state.State.CreatedAt, state.State.KeyHistory.ToList())
            : null);

    public async Task SetMinimumCallerScoreAsync(IdentityProof proof, double? minimumCallerScore)
    {
        var jti = await IdentityProofCheck.RequireAsync(tokenValidator, proof, UserId, PolicyAmr, "Changing who may ring you");
        if (!state.RecordExists)
        {
            throw new SecureCallException(FailureCode.UserNotFound, "No such user.");
        }
        if (minimumCallerScore is < 0 or > 1 || (minimumCallerScore is { } score && double.IsNaN(score)))
        {
            throw new SecureCallException(FailureCode.InvalidInput, "minimumCallerScore must be between 0 and 1, or null.");
        }
        var before = state.State.MinimumCallerScore;
        state.State.MinimumCallerScore = minimumCallerScore;
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.CallPolicyChanged, UserId, AuditSource.Current,
            $"minimum caller score {before?.ToString("0.00") ?? "none"} -> {minimumCallerScore?.ToString("0.00") ?? "none"}, amr sig token {jti}"));
    }

    public Task<double?> GetMinimumCallerScoreAsync() => Task.FromResult(state.State.MinimumCallerScore);

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(
        state.RecordExists
            ? new UserProfile(UserId, state.State.DisplayName, state.State.Email, state.State.PasswordHash is not null,
                state.State.SigningKey?.Fingerprint, state.State.CreatedAt)
            : null);
}
