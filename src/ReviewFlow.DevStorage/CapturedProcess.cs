using System.ComponentModel;
using System.Diagnostics;

namespace ReviewFlow.DevStorage;

/// <summary>
/// A child process whose output is kept in an <see cref="CapturedOutput"/> and which is killed, with its
/// whole tree, on dispose or when this process exits.
/// </summary>
internal sealed class CapturedProcess : IAsyncDisposable
{
    // Killing is SIGKILL / TerminateProcess, so exit follows at once; the bound only guards against a
    // wedged pipe keeping the output readers from finishing.
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private int _disposed;

    private CapturedProcess(Process process, CapturedOutput output)
    {
        _process = process;
        Output = output;
        Id = process.Id;
        Exited = process.WaitForExitAsync();
    }

    public int Id { get; }

    public CapturedOutput Output { get; }

    /// <summary>Completes when the process has exited and its output has been read to the end.</summary>
    public Task Exited { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="info"/> with all three standard streams redirected.</summary>
    /// <param name="info">What to run.</param>
    /// <param name="onLine">Sees every output line as it arrives, for readiness signals.</param>
    /// <param name="keepStandardInputOpen">
    /// Hold the child's stdin pipe open until dispose, so the child can treat end-of-file as "parent gone".
    /// Otherwise stdin is closed at once, so the child never waits for input.
    /// </param>
    public static CapturedProcess Start(ProcessStartInfo info, Action<string>? onLine = null, bool keepStandardInputOpen = false)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        // Our own stdin (a terminal, or nothing in CI) is none of the child's business.
        info.RedirectStandardInput = true;

        // Enough for an error and its context at either end, small enough to keep for hours.
        CapturedOutput output = new(headLines: 20, tailLines: 40);
        Process process = new() { StartInfo = info };
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new AzuriteStartupException(
                $"Could not run '{info.FileName}': {ex.Message}. Is it installed and on PATH?", ex);
        }

        ChildProcessReaper.Track(process);
        if (!keepStandardInputOpen)
        {
            process.StandardInput.Close();
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new CapturedProcess(process, output);

        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                output.Add(line);
                onLine?.Invoke(line);
            }
        }
    }

    /// <summary>Kills the process and everything it started, then waits for it to be gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited on its own.
        }

        try
        {
            await Exited.WaitAsync(ExitWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The process was sent SIGKILL; if its pipes are still open after this long, waiting longer
            // would only hang the caller's cleanup.
        }

        ChildProcessReaper.Untrack(_process);
        _process.Dispose();
    }
}
