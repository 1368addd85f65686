namespace SecureCall.Grains.Verification;

/// <summary>
/// A disposable resource that threads share (native model sessions), loaded on first use and freed only once nobody
/// uses it: <see cref="Stop"/> admits no new user, waits for those inside, then disposes it. A use that comes after the
/// stop began is refused with <see cref="InferenceStoppedException"/>; none can run on a freed resource.
/// </summary>
public sealed class GuardedResource<T>(Func<T> load) where T : class, IDisposable
{
    private readonly Lazy<T> _resource = new(load);
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _empty = new(initialState: true);
    private readonly ManualResetEventSlim _stopped = new();
    private int _users;
    private bool _stopping;
    private bool _freed;

    /// <summary>Runs <paramref name="use"/> on the resource (loading it first if needed).</summary>
    /// <exception cref="InferenceStoppedException">The stop began.</exception>
    public TResult Run<TResult>(Func<T, TResult> use)
    {
        lock (_lock)
        {
            if (_stopping)
            {
                throw new InferenceStoppedException();
            }
            if (_users++ == 0)
            {
                _empty.Reset();
            }
        }
        try
        {
            return use(_resource.Value);
        }
        finally
        {
            lock (_lock)
            {
                if (--_users == 0)
                {
                    _empty.Set();
                }
            }
        }
    }

    /// <summary>
    /// Admits nobody from now on, waits up to <paramref name="timeout"/> for the users inside, then disposes the
    /// resource. Returns whether it is freed (or was never loaded): after a timeout it is left alive, since freeing it
    /// under a running user would corrupt memory. A second call (a container disposing while the host still stops)
    /// waits for the first one's outcome.
    /// </summary>
    public bool Stop(TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_stopping)
            {
                return _stopped.Wait(timeout) && _freed;
            }
            _stopping = true;
        }
        var freed = _empty.Wait(timeout);
        if (freed && _resource.IsValueCreated)
        {
            _resource.Value.Dispose();
        }
        lock (_lock)
        {
            _freed = freed;
        }
        _stopped.Set();
        return freed;
    }
}
