using System.Runtime.InteropServices;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Lowers the calling thread's scheduling priority on Linux (its nice value; any process may raise its own). .NET's
/// <see cref="Thread.Priority"/> does nothing there.
/// </summary>
internal static class ThreadNice
{
    private const int PriorityOfProcess = 0;

    /// <summary>Sets the calling thread's nice value (0–19, higher runs less); false when this OS cannot.</summary>
    public static bool TryLower(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            // On Linux a thread is a task: PRIO_PROCESS with a thread id sets that thread alone.
            return SetPriority(PriorityOfProcess, GetThreadId(), nice) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl names its library differently) or a glibc before 2.30 (no gettid).
            return false;
        }
    }

    // DllImport, not LibraryImport: these take and return ints only, so nothing needs marshalling (nor unsafe code).
    // glibc by its soname, which every glibc system has; what a bare "libc" finds depends on the loader's probing.
    [DllImport("libc.so.6", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc.so.6", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
