using System.Collections.Concurrent;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>
/// Lets at most a fixed number of requests per mailbox be in flight at once. Outlook throttles an app that has more
/// than four concurrent requests on one mailbox (HTTP 429), so waiting here is cheaper than being refused there.
/// The mailbox is the <c>/users/{address}</c> segment of the request path, compared case-insensitively; requests
/// for different mailboxes never wait for each other, and requests without a mailbox are not limited.
/// </summary>
/// <remarks>
/// It sits inside the retry handler, so a request waiting out a <c>Retry-After</c> does not hold a slot.
/// </remarks>
internal sealed class MailboxConcurrencyHandler(int maxPerMailbox) : DelegatingHandler
{
    // One gate per mailbox for the life of the client: the number of mailboxes is bounded by the teams served.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (MailboxOf(request.RequestUri) is not { } mailbox)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var gate = _gates.GetOrAdd(mailbox, _ => new SemaphoreSlim(maxPerMailbox, maxPerMailbox));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The mailbox a Graph request is about: the path segment after <c>users</c>, unescaped; null when there is none.</summary>
    internal static string? MailboxOf(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i].Equals("users", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(segments[i + 1]).Trim().ToLowerInvariant();
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var gate in _gates.Values)
            {
                gate.Dispose();
            }

            _gates.Clear();
        }

        base.Dispose(disposing);
    }
}
