namespace SecureCall.Security.Audit;

/// <summary>
/// Tells the head checkpoint's schedule that the chain grew: <see cref="NextAsync"/> completes once an append that
/// started after the call is stored (not when it is queued, so a checkpoint it prompts covers it).
/// </summary>
public sealed class AuditAppendSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextAsync() => Volatile.Read(ref _next).Task;

    /// <summary>Signals once <paramref name="append"/> has stored its records; a failed append signals nothing.</summary>
    public void After(Task append) =>
        append.ContinueWith(static (_, signal) => ((AuditAppendSignal)signal!).Notify(), this,
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
