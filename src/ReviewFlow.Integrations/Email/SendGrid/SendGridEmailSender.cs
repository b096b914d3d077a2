using System.Globalization;
using System.Net;

using Azure.Data.Tables;

using global::SendGrid;
using global::SendGrid.Helpers.Mail;
using global::SendGrid.Helpers.Reliability;

using Microsoft.Extensions.Logging;

using Polly.Timeout;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// Sends ReviewFlow's templated emails through SendGrid's v3 mail-send API with the official SDK, exactly once per
/// idempotency key as far as SendGrid's API allows.
/// <para>
/// <b>Exactly once.</b> A sent-log table (<see cref="SendGridOptions.SentLogTableName"/>) holds one row per key.
/// Before sending, the row is read: a key already marked "Sent" returns <see cref="SentEmail.AlreadySent"/> with the
/// recorded message id and sends nothing. Otherwise the attempt first <i>claims</i> the key by inserting a "Sending"
/// row (insert-if-absent, so of two concurrent attempts exactly one wins; the other sees the claim), then posts the
/// email, then marks the row "Sent" with SendGrid's <c>X-Message-Id</c>.
/// </para>
/// <para>
/// <b>Failures.</b> When SendGrid answers with an error (after the retries for 429 and 5xx) or cannot be reached,
/// nothing was sent: the claim is deleted, so a later attempt can send, and a <see cref="SendGridRejectedException"/>
/// (4xx: fix something first) or <see cref="SendGridUnavailableException"/> (retry later) is thrown. When no answer
/// comes at all (timeout, broken connection, cancellation) SendGrid may or may not have the email, so the claim is
/// kept.
/// </para>
/// <para>
/// <b>Claims of others.</b> A "Sending" claim younger than the lease (five minutes, on the injected
/// <see cref="TimeProvider"/>) belongs to an attempt that may be sending right now: this attempt sends nothing and
/// throws <see cref="EmailSendInProgressException"/>, which the workflow engine retries. An older claim belongs to an
/// attempt that died mid-send (a send never takes longer than the lease): it is taken over and the email is sent,
/// with a warning, because SendGrid may already have it. Every email carries the key in
/// <c>custom_args.idempotency_key</c>, so such a rare duplicate can be found in SendGrid's activity feed.
/// </para>
/// <para>
/// The model is rendered with <see cref="TemplateRenderer"/> in both modes before anything is claimed: a bad model
/// fails without a trace, and the rendered subject is what <see cref="SentEmail.Subject"/> reports. The API key is
/// never logged and never part of an exception message.
/// </para>
/// </summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    /// <summary>Name of the <see cref="HttpClient"/> (with its resilience handler) this sender uses.</summary>
    public const string HttpClientName = "ReviewFlow.SendGrid";

    // Each round only repeats because another attempt changed the row in between; past a few, it is busy.
    private const int MaxClaimRounds = 5;

    private readonly SentLog _sentLog;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TemplateRenderer _renderer;
    private readonly SendGridOptions _options;
    private readonly SendGridClientOptions _clientOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SendGridEmailSender> _logger;

    /// <summary>
    /// Creates the sender; call <see cref="EnsureCreatedAsync"/> once before use. <paramref name="httpClientFactory"/>
    /// must know <see cref="HttpClientName"/> with the SendGrid resilience handler, as
    /// <see cref="SendGridServiceCollectionExtensions.AddReviewFlowSendGrid"/> registers it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public SendGridEmailSender(
        TableServiceClient tableService,
        IHttpClientFactory httpClientFactory,
        TemplateRenderer renderer,
        SendGridOptions options,
        TimeProvider timeProvider,
        ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _sentLog = new SentLog(tableService, options.SentLogTableName);
        _httpClientFactory = httpClientFactory;
        _renderer = renderer;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _clientOptions = new SendGridClientOptions
        {
            ApiKey = options.ApiKey,
            Host = options.ApiBaseUrl,
            // Errors come back as responses, so the body's error list can be read and the claim released.
            HttpErrorAsException = false,
            // No SDK retries (the default, stated here on purpose): the resilience handler is the only retry layer.
            ReliabilitySettings = new ReliabilitySettings(),
        };
    }

    /// <summary>Creates the sent-log table if it does not exist; safe to call any number of times.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _sentLog.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="SendGridRejectedException">SendGrid refused the email (4xx other than 429); nothing was sent.</exception>
    /// <exception cref="SendGridUnavailableException">SendGrid stayed unavailable or did not answer; retry later.</exception>
    /// <exception cref="EmailSendInProgressException">Another attempt is sending this key; retry later.</exception>
    public async Task<SentEmail> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);

        // Render and build before any write: a bad model or a missing template id leaves no claim behind.
        var rendered = _renderer.Render(message.Template, message.Model);
        var mail = SendGridMailBuilder.Build(message, rendered, _options, idempotencyKey);

        var (claim, alreadySent) = await ClaimAsync(message.Template, rendered.Subject, idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (alreadySent is not null)
        {
            return alreadySent;
        }

        return await SendClaimedAsync(mail, claim!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(SentLogEntry? Claim, SentEmail? AlreadySent)> ClaimAsync(
        string template, string subject, string idempotencyKey, CancellationToken cancellationToken)
    {
        for (int round = 0; round < MaxClaimRounds; round++)
        {
            var entry = await _sentLog.GetAsync(idempotencyKey, cancellationToken).ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            if (entry is null)
            {
                var claimed = await _sentLog.TryClaimAsync(idempotencyKey, template, subject, now, cancellationToken).ConfigureAwait(false);
                if (claimed is not null)
                {
                    return (claimed, null);
                }

                continue;
            }

            if (entry.State == SentLogState.Sent)
            {
                LogAlreadySent(entry.Template, idempotencyKey, entry.MessageId);
                return (null, new SentEmail(entry.MessageId ?? "", entry.Subject, AlreadySent: true));
            }

            var expires = entry.ClaimedAt + _options.ClaimLease;
            if (now < expires)
            {
                throw new EmailSendInProgressException(idempotencyKey, entry.ClaimedAt, expires);
            }

            var taken = await _sentLog.TryTakeOverAsync(entry, now, cancellationToken).ConfigureAwait(false);
            if (taken is not null)
            {
                LogTakingOver(entry.Template, idempotencyKey, entry.ClaimedAt);
                return (taken, null);
            }
        }

        throw new EmailSendInProgressException(
            $"Other attempts kept changing the sent-log row of email idempotency key '{idempotencyKey}'; retry later.");
    }

    private async Task<SentEmail> SendClaimedAsync(SendGridMessage mail, SentLogEntry claim, CancellationToken cancellationToken)
    {
        Response response;
        try
        {
            var client = new SendGridClient(_httpClientFactory.CreateClient(HttpClientName), _clientOptions);
            response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException failure) when (SendGridResilience.NothingWasSent(failure))
        {
            await _sentLog.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            throw new SendGridUnavailableException(
                $"SendGrid at {_options.ApiBaseUrl} could not be reached ({failure.HttpRequestError}) in {Attempts} attempts to send '{claim.Template}' "
                + $"(idempotency key '{claim.IdempotencyKey}'); nothing was sent, retry later.",
                statusCode: null,
                errors: [],
                failure);
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutRejectedException)
        {
            // SendGrid may have accepted the request before the answer was lost, so the claim stays until its lease ends.
            var expires = claim.ClaimedAt + _options.ClaimLease;
            LogOutcomeUnknown(failure.GetType().Name, claim.Template, claim.IdempotencyKey, expires);
            throw new SendGridUnavailableException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"No answer from SendGrid for '{claim.Template}' (idempotency key '{claim.IdempotencyKey}'): {failure.GetType().Name}. It may or may not have been accepted; "
                    + $"the key stays claimed until {expires:O}, after which a retry sends it (find a duplicate by custom_args.idempotency_key)."),
                statusCode: null,
                errors: [],
                failure);
        }

        if (response.IsSuccessStatusCode)
        {
            return await RecordSentAsync(response, claim).ConfigureAwait(false);
        }

        string body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
        var errors = SendGridErrorReader.Read(Redact(body));
        await _sentLog.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
        throw Failure(response.StatusCode, errors, claim);
    }

    private async Task<SentEmail> RecordSentAsync(Response response, SentLogEntry claim)
    {
        string messageId = response.Headers is not null && response.Headers.TryGetValues("X-Message-Id", out var values)
            ? values.FirstOrDefault() ?? ""
            : "";
        if (messageId.Length == 0)
        {
            LogNoMessageId(claim.Template, claim.IdempotencyKey);
        }

        // SendGrid has the email now: record it even if the caller is cancelling, or a retry would send it again.
        bool recorded = await _sentLog.TryMarkSentAsync(claim, messageId, _timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (!recorded)
        {
            LogClaimLost(claim.Template, claim.IdempotencyKey);
        }

        LogSent(claim.Template, claim.IdempotencyKey, messageId);
        return new SentEmail(messageId, claim.Subject, AlreadySent: false);
    }

    private SendGridException Failure(HttpStatusCode status, IReadOnlyList<SendGridError> errors, SentLogEntry claim)
    {
        int code = (int)status;
        string listed = errors.Count == 0 ? "no error details" : string.Join("; ", errors);
        if (SendGridResilience.IsRetryable(status))
        {
            return new SendGridUnavailableException(
                $"SendGrid answered {code} ({status}) to all {Attempts} attempts to send '{claim.Template}' (idempotency key '{claim.IdempotencyKey}'): {listed}. "
                + "Nothing was sent; retry later.",
                code,
                errors);
        }

        return new SendGridRejectedException(
            $"SendGrid rejected '{claim.Template}' (idempotency key '{claim.IdempotencyKey}') with {code} ({status}): {listed}.{Hint(status)}",
            code,
            errors);
    }

    private int Attempts => _options.MaxRetries + 1;

    private static string Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => " Check SendGrid:ApiKey: the key may be wrong, revoked or deleted.",
        HttpStatusCode.Forbidden => " Check that the API key has the Mail Send permission and that the From address is a verified sender.",
        _ => "",
    };

    // SendGrid does not echo the key, but a proxy's error page might; it must not reach a message or a log.
    private string Redact(string text) => text.Replace(_options.ApiKey!, "[redacted]", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent email {Template} (idempotency key {IdempotencyKey}) as SendGrid message {MessageId}")]
    private partial void LogSent(string template, string idempotencyKey, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {Template} (idempotency key {IdempotencyKey}) was already sent as SendGrid message {MessageId}; nothing sent")]
    private partial void LogAlreadySent(string template, string idempotencyKey, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An earlier attempt claimed email {Template} (idempotency key {IdempotencyKey}) at {ClaimedAt} and never finished; sending it now. "
        + "SendGrid may already have it: search its activity feed for that key in custom_args.idempotency_key")]
    private partial void LogTakingOver(string template, string idempotencyKey, DateTimeOffset claimedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No answer from SendGrid for email {Template} (idempotency key {IdempotencyKey}), {Failure}; the key stays claimed until {Expires}")]
    private partial void LogOutcomeUnknown(string failure, string template, string idempotencyKey, DateTimeOffset expires);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Template} (idempotency key {IdempotencyKey}) was sent, but another attempt took over its claim meanwhile; the recipient may get it twice")]
    private partial void LogClaimLost(string template, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid accepted email {Template} (idempotency key {IdempotencyKey}) without an X-Message-Id header")]
    private partial void LogNoMessageId(string template, string idempotencyKey);
}
