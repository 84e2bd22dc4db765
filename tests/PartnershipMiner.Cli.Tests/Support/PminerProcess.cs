using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PartnershipMiner.Cli.Tests.Support;

/// <summary>
/// The real <c>pminer</c> as a child process (<c>dotnet pminer.dll ...</c>, the build output next to this test
/// assembly), with its standard output and error captured. Disposing kills it if it still runs.
/// </summary>
internal sealed class PminerProcess : IAsyncDisposable
{
    private const int Sigterm = 15;

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder errors = new();
    private readonly Lock gate = new();

    private PminerProcess(Process process) => this.process = process;

    public static string PminerDll { get; } = Path.Combine(AppContext.BaseDirectory, "pminer.dll");

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (gate)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>The last lines of standard error, for failure messages.</summary>
    public string LastErrors(int lines = 40) => string.Join('\n', Errors.Split('\n').TakeLast(lines));

    /// <summary>Starts <c>pminer</c> in <paramref name="workingDirectory"/> with only the given PMINER__ settings.</summary>
    public static PminerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        Assert.True(File.Exists(PminerDll), $"{PminerDll} is missing; the test project references the Cli project so that it is built there");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PminerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PMINER__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var child = new PminerProcess(new Process { StartInfo = start });
        child.process.OutputDataReceived += (_, e) => child.Append(child.output, e.Data);
        child.process.ErrorDataReceived += (_, e) => child.Append(child.errors, e.Data);
        child.process.Start();
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <c>pminer</c> to its end and returns its exit code (failing the test after <paramref name="timeout"/>).</summary>
    public static async Task<PminerProcess> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings, TimeSpan timeout, params string[] arguments)
    {
        var child = Start(workingDirectory, settings, arguments);
        await child.WaitForExitAsync(timeout);
        return child;
    }

    /// <summary>Waits for the worker's "started" line: its signal handling is in place from then on.</summary>
    public Task WaitUntilWorkingAsync(TimeSpan timeout) =>
        Poll.UntilAsync(() => Errors.Contains("] Worker worker-", StringComparison.Ordinal) || HasExited, timeout, () => Errors);

    /// <summary>
    /// Asks a worker to stop, as a service manager does, once it is working (a signal that arrives before the runtime
    /// has started pminer's code ends the process the default way, exit code 143).
    /// </summary>
    public async Task TerminateAsync()
    {
        await WaitUntilWorkingAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, NativeMethods.Kill(process.Id, Sigterm));
    }

    /// <summary>
    /// SIGTERM now, as a service manager or `kill` sends it (Ctrl-C's SIGINT takes the same path in pminer, but a test
    /// run in the background inherits SIGINT ignored). Only once pminer's own code runs: earlier, the runtime's default
    /// ends the process.
    /// </summary>
    public void Stop() => Assert.Equal(0, NativeMethods.Kill(process.Id, Sigterm));

    /// <summary>kill -9: no chance to clean up.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>The exit code, once it has exited within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"pminer did not exit within {timeout.TotalSeconds} s.\nstderr:\n{Errors}");
        }

        // The asynchronous readers deliver the last lines after the exit; WaitForExit() without a timeout waits for them.
        process.WaitForExit();
        return process.ExitCode;
    }

    public int ExitCode => process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            target.AppendLine(line);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
