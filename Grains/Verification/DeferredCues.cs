using SecureCall.FaceAnalysis;

namespace SecureCall.Grains.Verification;

/// <summary>
/// The spoof cues and embedding a session asked for on one frame, measured after the frame was answered. Whoever
/// claims it first measures it: a <see cref="CueLane"/> thread when the cores have time, or the session when it needs
/// the values now (<see cref="MeasureNowAsync"/>, at its decision). Measured once; a discarded one is never measured.
/// </summary>
public sealed class DeferredCues(Func<FaceCues> measure, Action? discard = null)
{
    private readonly TaskCompletionSource<FaceCues> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;

    /// <summary>The measured cues; cancelled when discarded.</summary>
    public Task<FaceCues> Result => _result.Task;

    /// <summary>Measures on the calling thread, unless another thread claimed it first; true when this call measured.</summary>
    public bool TryMeasure()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            return false;
        }
        try
        {
            _result.SetResult(measure());
        }
        catch (Exception exception)
        {
            _result.SetException(exception);
        }
        return true;
    }

    /// <summary>
    /// The cues, measured on the thread pool at normal priority if no lane thread has started them: a session that
    /// must decide does not wait behind other sessions' queued cues.
    /// </summary>
    public async Task<FaceCues> MeasureNowAsync()
    {
        if (Volatile.Read(ref _claimed) == 0)
        {
            // Off the caller's thread: a grain's scheduler must not run a model.
            if (await Task.Run(TryMeasure))
            {
                CueLane.Measured("session");
            }
        }
        return await Result;
    }

    /// <summary>Gives up the cues (the session ended): never measured, its pixels released.</summary>
    public void Discard()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            discard?.Invoke();
            _result.SetCanceled();
        }
    }
}
