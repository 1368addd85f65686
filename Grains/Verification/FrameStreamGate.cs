using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.Grains.Verification;

/// <summary>
/// A session's one frame stream and its frame rate, in the session activation's memory. One stream at a time: a
/// second is refused while the first is active, and may take over once the first sent nothing for
/// <paramref name="idleTimeout"/> (its frontend died without closing it). The rate is counted per session, so
/// several connections, or one reconnecting, share it: a token bucket of one second's frames, refilled at
/// <paramref name="framesPerSecond"/>, so the long-run rate is the cap while a camera's frames that queued behind a
/// slow one (counted here when analysed, not when they arrived) still pass. Not thread-safe: the session grain's
/// turns serialise it.
/// </summary>
public sealed class FrameStreamGate(int framesPerSecond, TimeSpan idleTimeout)
{
    private double _tokens = framesPerSecond;
    private DateTimeOffset? _refilledAt;
    private string? _open;
    private DateTimeOffset _lastActive;

    /// <summary>Opens the stream and returns its id; <see cref="FailureCode.FrameStreamBusy"/> while another is open and active.</summary>
    public string Open(DateTimeOffset now)
    {
        if (_open is not null && now - _lastActive < idleTimeout)
        {
            throw new SecureCallException(FailureCode.FrameStreamBusy,
                "Another frame stream is already open for this session; one session takes frames from one stream at a time.");
        }
        _open = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        _lastActive = now;
        return _open;
    }

    /// <summary>Refuses frames of any stream but the open one (closed, replaced, or never opened); marks the open one active.</summary>
    public void EnsureOpen(string? streamId, DateTimeOffset now)
    {
        if (!IsOpen(streamId))
        {
            throw new SecureCallException(FailureCode.FrameStreamBusy, "This frame stream is not (or no longer) the session's open stream.");
        }
        _lastActive = now;
    }

    /// <summary>Counts one frame against the session's rate; false when it is over (the frame is not analysed).</summary>
    public bool TryTakeFrame(DateTimeOffset now)
    {
        if (_refilledAt is not { } last)
        {
            _refilledAt = now;
        }
        else if (now > last)
        {
            _tokens = Math.Min(framesPerSecond, _tokens + (now - last).TotalSeconds * framesPerSecond);
            _refilledAt = now;
        }
        if (_tokens < 1)
        {
            return false;
        }
        _tokens--;
        return true;
    }

    /// <summary>Closes the stream if it is the open one.</summary>
    public void Close(string? streamId)
    {
        if (IsOpen(streamId))
        {
            _open = null;
        }
    }

    private bool IsOpen(string? streamId) => _open is not null && streamId is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(streamId), Encoding.UTF8.GetBytes(_open));
}
