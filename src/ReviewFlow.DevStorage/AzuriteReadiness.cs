using System.Net;
using System.Net.Sockets;

namespace ReviewFlow.DevStorage;

/// <summary>How one start attempt ended.</summary>
internal enum StartOutcome
{
    Ready,
    Exited,
    TimedOut,
}

/// <summary>Waits until a freshly started Azurite answers HTTP on all three ports.</summary>
internal static class AzuriteReadiness
{
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OwnershipWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxBudget = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    /// <param name="process">The Azurite process being started.</param>
    /// <param name="ports">Its ports.</param>
    /// <param name="announcedListening">Completes when Azurite reports all services bound.</param>
    /// <param name="budget">How long this attempt may wait.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public static async Task<StartOutcome> WaitAsync(
        CapturedProcess process, AzuritePorts ports, Task announcedListening, TimeSpan budget, CancellationToken cancellationToken)
    {
        // CancelAfter rejects spans beyond ~24.8 days; a budget that long means "no limit".
        using CancellationTokenSource timeout = new(budget > MaxBudget ? Timeout.InfiniteTimeSpan : budget);
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        // Loopback must never go through an HTTP proxy configured for the machine.
        using HttpClient http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            foreach ((_, int port) in ports.All)
            {
                while (true)
                {
                    if (process.HasExited)
                    {
                        return StartOutcome.Exited;
                    }

                    if (await AnswersAsync(http, port, linked.Token).ConfigureAwait(false))
                    {
                        break;
                    }

                    await Task.Delay(PollDelay, linked.Token).ConfigureAwait(false);
                }
            }

            // An answering port proves that something listens there, not that it is our Azurite: if another
            // process took one of our ports, it answers while our Azurite is about to exit with EADDRINUSE.
            // Azurite's own "listening" line (or its exit) settles which; the bounded wait keeps a future
            // change of wording from breaking startup.
            await Task.WhenAny(announcedListening, process.Exited, Task.Delay(OwnershipWait, linked.Token)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return process.HasExited ? StartOutcome.Exited : StartOutcome.Ready;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return process.HasExited ? StartOutcome.Exited : StartOutcome.TimedOut;
        }
    }

    /// <summary>A TCP connect, then one HTTP GET; any HTTP status means the service is up.</summary>
    private static async Task<bool> AnswersAsync(HttpClient http, int port, CancellationToken cancellationToken)
    {
        using CancellationTokenSource attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(ProbeTimeout);
        try
        {
            using (TcpClient tcp = new())
            {
                await tcp.ConnectAsync(IPAddress.Loopback, port, attempt.Token).ConfigureAwait(false);
            }

            using HttpResponseMessage response = await http
                .GetAsync(new Uri($"http://127.0.0.1:{port}/"), HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
