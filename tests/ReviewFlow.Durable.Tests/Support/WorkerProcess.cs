using System.Diagnostics;
using ReviewFlow.Durable.Sample;

namespace ReviewFlow.Durable.Tests.Support;

/// <summary>
/// The sample's <c>worker</c> command running as a separate process, so it can be killed with SIGKILL
/// exactly like a crashed host. Its stdout and stderr go to a shared <see cref="OutputTail"/>.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The sample's dll, copied next to the tests by the project reference.</summary>
    public static string SampleDll => Path.Combine(AppContext.BaseDirectory, "ReviewFlow.Durable.Sample.dll");

    /// <summary>Starts <c>dotnet ReviewFlow.Durable.Sample.dll worker ...</c>.</summary>
    public static WorkerProcess Start(string name, IEnumerable<string> workerArguments, OutputTail output)
    {
        if (!File.Exists(SampleDll))
        {
            throw new FileNotFoundException($"The sample worker is not in the test output; the test project must reference the sample project.", SampleDll);
        }

        var info = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The worker never reads stdin (CI has none); redirect and close it so it cannot inherit ours.
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(SampleDll);
        info.ArgumentList.Add("worker");
        foreach (var argument in workerArguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, name);
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data, output);
        process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data, output);
        process.Exited += (_, _) => worker._ready.TrySetException(
            new InvalidOperationException($"Worker {name} exited with code {process.ExitCode} before it was ready."));
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the worker says it is polling (or fails if it exits or takes too long).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Worker {Name} (pid {Id}) did not report ready within {timeout.TotalSeconds:F0}s.");
        }
    }

    /// <summary>SIGKILL (Process.Kill on Unix), then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        using var guard = new CancellationTokenSource(ExitWait);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGKILL cannot be ignored; if output pipes are still draining after this long, cleanup must not hang on them.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line, OutputTail output)
    {
        if (line is null)
        {
            return;
        }

        output.Add($"[{Name}] {line}");
        if (line.StartsWith(WorkerCommand.ReadyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>The dotnet host running these tests, so the worker runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}

/// <summary>The last lines written by a set of processes, for failure messages.</summary>
public sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public string Format()
    {
        lock (_gate)
        {
            return _lines.Count == 0
                ? "    (no worker output)"
                : string.Join(Environment.NewLine, _lines.Select(line => "    " + line));
        }
    }
}
