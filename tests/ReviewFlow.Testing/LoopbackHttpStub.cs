using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReviewFlow.Testing;

/// <summary>
/// The plumbing every HTTP stand-in on 127.0.0.1 repeats: a listener on a free loopback port, an accept loop that
/// serves each request on its own task, the log of the requests received and the list of what the stub refused
/// (both kept under <see cref="Gate"/> and read as snapshots), and disposal. What a request means and how it is
/// answered is the stub's own: <see cref="ServeAsync"/>.
/// </summary>
/// <typeparam name="TRequest">What the stub records of one request.</typeparam>
public abstract class LoopbackHttpStub<TRequest> : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TRequest> _requests = [];
    private readonly List<string> _problems = [];
    private readonly Task _loop;

    /// <summary>Listens on a free loopback port and starts accepting requests.</summary>
    protected LoopbackHttpStub()
    {
        (_listener, Port) = Listen();

        // The loop starts before the derived constructor has run, but no client knows the port until the stub is
        // built and handed out, so no request is served by a half-built stub.
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<TRequest> Requests
    {
        get
        {
            lock (Gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>What the stub refused as a request the real service would not take. Tests expect none.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (Gate)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>The loopback port the stub listens on.</summary>
    protected int Port { get; }

    /// <summary>Scheme, host and port: <c>http://127.0.0.1:{port}</c>.</summary>
    protected string Origin => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Guards the request log and the problems; a stub keeps its own state under it too.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>Cancelled when the stub is disposed, for requests that wait (held answers).</summary>
    protected CancellationToken Stopping => _stopping.Token;

    /// <summary>Stops accepting, closes the listener and waits for the accept loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        OnStopping();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing the listener ends the accept loop with one of these.
        }

        _stopping.Dispose();
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    protected static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The request body as text (UTF-8).</summary>
    protected static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Writes <paramref name="body"/> (UTF-8) with its content type and length.</summary>
    protected static async Task WriteBodyAsync(HttpListenerResponse response, string contentType, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    /// <summary>
    /// Answers one request (and closes the response). Runs on its own task, so a request the stub holds does not
    /// block the others; a client that goes away mid-answer, or the stub shutting down, ends it quietly.
    /// </summary>
    protected abstract Task ServeAsync(HttpListenerContext context);

    /// <summary>Called on disposal once <see cref="Stopping"/> is cancelled, before the listener closes: lets held requests go.</summary>
    protected virtual void OnStopping()
    {
    }

    /// <summary>Adds <paramref name="request"/> to <see cref="Requests"/>.</summary>
    protected void Record(TRequest request)
    {
        lock (Gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>Adds <paramref name="problem"/> to <see cref="Problems"/>.</summary>
    protected void Problem(string problem)
    {
        lock (Gate)
        {
            _problems.Add(problem);
        }
    }

    private static (HttpListener Listener, int Port) Listen()
    {
        for (int attempt = 1; ; attempt++)
        {
            // HttpListener cannot bind port 0, so take a port the OS just handed out; another process may grab it in
            // between, so retry.
            int port = FreeLoopbackPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeQuietlyAsync(context));
        }
    }

    private async Task ServeQuietlyAsync(HttpListenerContext context)
    {
        try
        {
            await ServeAsync(context);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away (a cancelled call) or the stub is shutting down.
        }
    }
}
