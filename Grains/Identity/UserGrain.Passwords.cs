using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.Grains.Identity;

/// <summary>Password accounts (seed contract) and the per-user lockout.</summary>
public sealed partial class UserGrain
{
    public const string InvalidCredentialsMessage = "Invalid username or password.";
    public const string LockedOutMessage = "Too many failed attempts; try again later.";
    private const int MaxEmailLength = 254;

    // Counters for names without a stored account: in memory only, lost on deactivation.
    private readonly List<DateTimeOffset> _transientFailures = [];
    private DateTimeOffset? _transientLockedUntil;

    public async Task CreatePasswordAccountAsync(string? email, string password)
    {
        EnsurePasswordShape(password);
        if (email is not null && (email.Length > MaxEmailLength || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsControl)))
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"email must be an address of at most {MaxEmailLength} characters.");
        }
        if (state.RecordExists)
        {
            throw new SecureCallException(FailureCode.AlreadyRegistered, "This username is not available.");
        }
        var hash = await Task.Run(() => passwords.Hash(password));
        state.State = new UserState { DisplayName = UserId, Email = email, PasswordHash = hash, CreatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.PasswordAccountCreated, UserId, AuditSource.Current, "password account"));
    }

    public async Task VerifyPasswordAsync(string password)
    {
        var now = time.GetUtcNow();
        if (password.Length > passwordOptions.Value.MaxLength)
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"password must be at most {passwordOptions.Value.MaxLength} characters.");
        }
        if (state.State.PasswordHash is not { } hash)
        {
            EnsureNotLocked(_transientLockedUntil, now);
            await Task.Run(() => passwords.SpendEquivalentWork(password));
            _transientLockedUntil = await RecordFailureAsync(_transientFailures, now) ?? _transientLockedUntil;
            throw new SecureCallException(FailureCode.InvalidCredentials, InvalidCredentialsMessage);
        }
        await CheckPasswordAsync(password, hash, now);
        await audit.AppendAsync(new AuditEvent(AuditEventType.LoginSucceeded, UserId, AuditSource.Current, "password"));
    }

    private async Task CheckPasswordAsync(string password, string hash, DateTimeOffset now)
    {
        EnsureNotLocked(state.State.LockedUntil, now);
        if (await Task.Run(() => passwords.Verify(password, hash)))
        {
            if (state.State.RecentLoginFailures.Count > 0 || state.State.LockedUntil is not null)
            {
                state.State.RecentLoginFailures.Clear();
                state.State.LockedUntil = null;
                await state.WriteStateAsync();
            }
            return;
        }
        if (await RecordFailureAsync(state.State.RecentLoginFailures, now) is { } lockedUntil)
        {
            state.State.LockedUntil = lockedUntil;
        }
        await state.WriteStateAsync();
        throw new SecureCallException(FailureCode.InvalidCredentials, InvalidCredentialsMessage);
    }

    /// <summary>Records a failure; returns the lock expiry when this failure reaches the threshold.</summary>
    private async Task<DateTimeOffset?> RecordFailureAsync(List<DateTimeOffset> failures, DateTimeOffset now)
    {
        var o = passwordOptions.Value;
        failures.RemoveAll(at => now - at >= o.LockoutWindow);
        failures.Add(now);
        await audit.AppendAsync(new AuditEvent(AuditEventType.LoginFailed, UserId, AuditSource.Current, $"{failures.Count} failures in window"));
        if (failures.Count < o.LockoutThreshold)
        {
            return null;
        }
        failures.Clear();
        await audit.AppendAsync(new AuditEvent(AuditEventType.AccountLocked, UserId, AuditSource.Current, $"locked for {o.LockoutDuration}"));
        return now + o.LockoutDuration;
    }

    private static void EnsureNotLocked(DateTimeOffset? lockedUntil, DateTimeOffset now)
    {
        if (lockedUntil is { } until && now < until)
        {
            throw new SecureCallException(FailureCode.LockedOut, LockedOutMessage);
        }
    }

    private void EnsurePasswordShape(string password)
    {
        var o = passwordOptions.Value;
        if (password.Length < o.MinLength || password.Length > o.MaxLength)
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"password must be {o.MinLength} to {o.MaxLength} characters.");
        }
    }
}
