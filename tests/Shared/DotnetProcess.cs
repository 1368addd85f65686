using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace SecureCall.Tests.Shared;

/// <summary>
/// One of the repository's built hosts (SecureCall.Silo.dll, SecureCall.WebFrontend.dll) run as its own process with
/// settings on its command line; its output is kept for failure messages. <see cref="Kill"/> is <c>kill -9</c>,
/// <see cref="Terminate"/> is <c>kill -TERM</c>. The process is the dotnet host itself (the muxer runs the app in its
/// own process), never a shell around it, so a signal reaches the app.
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DotnetProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once <see cref="HasExited"/>: 128 + N when signal N ended it (139 SIGSEGV, 134 SIGABRT).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The process id (the dotnet host running the app).</summary>
    public int Id => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>{project}/bin/{configuration}/net10.0/{assembly}.dll</c> with <paramref name="arguments"/> and <c>--key=value</c> settings.</summary>
    public static DotnetProcess Start(string name, string project, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings,
        bool refusalExpected = false)
    {
        var root = RepositoryRoot.Path;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var dll = Path.Combine(root, project, "bin", configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The host is not built: {dll}", dll);
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(root, project) };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        if (refusalExpected)
        {
            // A host refusing its settings ends with an unhandled OptionsValidationException: expected here, so no crash
            // report for test.sh to count as a crash.
            start.Environment["DOTNET_EnableCrashReport"] = "0";
            start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new DotnetProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Runs a command of a host (migrate, verify-audit) to its end, as an operator would: its exit code and output;
    /// throws if it is still running after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string project, string assembly, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> settings, TimeSpan timeout, bool refusalExpected = false)
    {
        var argumentList = arguments.ToList();
        await using var command = Start(string.Join(" ", argumentList), project, assembly, argumentList, settings, refusalExpected);
        if (!await command.WaitForExitAsync(timeout))
        {
            throw new TimeoutException($"{assembly} {command.Name} did not finish within {timeout.TotalSeconds:F0} s:\n{command.Log}");
        }
        // The exit event can come before the last redirected lines: WaitForExit() without a limit drains them.
        command._process.WaitForExit();
        return (command.ExitCode, command.Log);
    }

    /// <summary>Waits for a command (migrate, verify-audit) to finish; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster, as a crashed node.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>
    /// SIGTERM, as systemd, Kubernetes or Ctrl+C's cousin stops a service: the host's graceful shutdown starts; returns
    /// at once without waiting for it.
    /// </summary>
    public void Terminate()
    {
        if (!_process.HasExited && SendSignal(_process.Id, SignalTerminate) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill(SIGTERM) of {Name} ({_process.Id}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGTERM, then waits for a graceful exit (a rolling restart's stop); SIGKILL if it is not done after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }
        Terminate();
        if (!await WaitForExitAsync(timeout))
        {
            Kill();
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails at once if the process exits first, and after
    /// <paramref name="timeout"/> with the process's output.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({ExitCode}) instead of having {what}:\n{Log}");
            }
            if (await condition())
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} did not {what} within {timeout.TotalSeconds:F0} s:\n{Log}");
    }

    /// <summary>Polls <paramref name="url"/> until it answers with a success status (a health probe).</summary>
    public async Task WaitUntilAnswersAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync(url);
                return response.IsSuccessStatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, timeout, $"answer {url}");
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private const int SignalTerminate = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
