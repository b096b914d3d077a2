using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

using Azure.Data.Tables;

using ReviewFlow.Integrations.Storage;
using ReviewFlow.Tables;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// The email sender used without SendGrid credentials: each email becomes a real <c>.eml</c> file in
/// <see cref="DevAdapterOptions.OutboxDirectory"/>, indexed in the table <c>{TablePrefix}Outbox</c>
/// (partition = recipient, row = idempotency key). The index row is what makes a send happen once.
/// </summary>
public sealed class DevOutbox : IEmailSender
{
    private const string Partition = "sent";

    private readonly TableClient _table;
    private readonly PartitionBatchWriter _rows;
    private readonly TemplateRenderer _renderer;
    private readonly DevAdapterOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the outbox; call <see cref="EnsureCreatedAsync"/> once before use.</summary>
    public DevOutbox(TableServiceClient tableService, TemplateRenderer renderer, DevAdapterOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _table = tableService.GetTableClient(options.OutboxTableName);
        _rows = new PartitionBatchWriter(_table);
        _renderer = renderer;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates the index table if it does not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SentEmail> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);

        string row = TableKeys.Sanitise(idempotencyKey);

        // No look-up first: a send is almost always new, and the insert below settles the rare redelivery.
        // Rendering before any write means a bad model leaves no file and no row behind.
        var rendered = _renderer.Render(message.Template, message.Model);
        var now = _timeProvider.GetUtcNow();
        string messageId = EmlBuilder.MessageId(idempotencyKey, _options.From);
        string fileName = FileName(now, message, idempotencyKey);
        string path = Path.Combine(_options.OutboxDirectory, fileName);
        await WriteFileAsync(EmlBuilder.Build(message, rendered, _options.From, now, messageId, idempotencyKey), path, cancellationToken)
            .ConfigureAwait(false);

        var entity = new TableEntity(Partition, row)
        {
            ["At"] = now,
            ["To"] = message.To.Email,
            ["Cc"] = JsonSerializer.Serialize(message.Cc.Select(c => c.Email).ToArray()),
            ["Template"] = message.Template,
            ["Subject"] = rendered.Subject,
            ["File"] = fileName,
            ["MessageId"] = messageId,
            ["InstanceId"] = message.Action?.InstanceId,
            ["EventName"] = message.Action?.EventName,
        };
        if (await _rows.WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, entity), cancellationToken).ConfigureAwait(false) is null)
        {
            // Sent before (a redelivery) or by a concurrent send of the same key: keep only the first file, so
            // the outbox holds one copy.
            var winner = (await _table.GetEntityAsync<TableEntity>(Partition, row, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (!string.Equals(winner.GetString("File"), fileName, StringComparison.Ordinal))
            {
                File.Delete(path);
            }

            return AlreadySent(winner);
        }

        return new SentEmail(messageId, rendered.Subject, AlreadySent: false);
    }

    /// <summary>Every email in the outbox, ordered by time, then file name.</summary>
    public async IAsyncEnumerable<OutboxRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = new List<OutboxRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new OutboxRecord(
                entity.GetDateTimeOffset("At")!.Value.UtcDateTime,
                entity.GetString("To"),
                JsonSerializer.Deserialize<string[]>(entity.GetString("Cc") ?? "[]") ?? [],
                entity.GetString("Template"),
                entity.GetString("Subject"),
                Path.Combine(_options.OutboxDirectory, entity.GetString("File")),
                entity.GetString("InstanceId"),
                entity.GetString("EventName")));
        }

        foreach (var record in records.OrderBy(r => r.At).ThenBy(r => r.File, StringComparer.Ordinal))
        {
            yield return record;
        }
    }

    private static SentEmail AlreadySent(TableEntity sent) =>
        new(sent.GetString("MessageId"), sent.GetString("Subject"), AlreadySent: true);

    private static string FileName(DateTimeOffset now, EmailMessage message, string idempotencyKey)
    {
        string email = message.To.Email;
        int at = email.IndexOf('@', StringComparison.Ordinal);
        string local = SafeFileNamePart(at > 0 ? email[..at] : email);
        string time = now.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
        return $"{time}-{message.Template}-{local}-{TableKeys.Sha256Hex(idempotencyKey)[..8]}.eml";
    }

    private static string SafeFileNamePart(string value)
    {
        // Keep names portable across Windows and Linux: only letters, digits, '.', '_' and '-'.
        var chars = value.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray();
        return chars.Length == 0 ? "_" : new string(chars);
    }

    private static async Task WriteFileAsync(MimeKit.MimeMessage mime, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Write then rename, so a reader (or a crash) never sees half a message.
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var stream = File.Create(temporary))
        {
            await mime.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
