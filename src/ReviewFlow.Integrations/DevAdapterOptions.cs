using System.ComponentModel.DataAnnotations;

using ReviewFlow.Integrations.Email;

namespace ReviewFlow.Integrations;

/// <summary>
/// Where the dev outbox, dev calendar and cycle journal keep their state when no SendGrid or Graph
/// credentials are configured (locally, in tests and in simulations).
/// </summary>
public sealed class DevAdapterOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "DevAdapters";

    /// <summary>Directory the outbox writes its <c>.eml</c> files to; created on first use.</summary>
    [Required]
    public string OutboxDirectory { get; set; } = "outbox";

    /// <summary>Directory for the calendar's <c>.ics</c> export, when the host exports one; not used by the stores themselves.</summary>
    public string? CalendarDirectory { get; set; }

    /// <summary>Prefix of the outbox and calendar table names ("{prefix}Outbox", "{prefix}Calendar").</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$", ErrorMessage = "TablePrefix must be a letter followed by up to 40 letters or digits (it starts table names).")]
    public string TablePrefix { get; set; } = "ReviewFlow";

    /// <summary>The sender of every email.</summary>
    [Required]
    public EmailAddress From { get; set; } = new("reviewflow@example.test", "ReviewFlow");

    /// <summary>Name of the cycle journal's table.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "JournalTableName must be 3-63 letters or digits, starting with a letter.")]
    public string JournalTableName { get; set; } = "ReviewFlowJournal";

    /// <summary>
    /// This process is the only one that uses the calendar table (a simulation on tables of its own). The calendar
    /// then reads the table once, when it is created, and answers every read from memory; writes go to the table as
    /// always, so the table stays the record. Never set it for tables another process writes: it would not see them.
    /// </summary>
    public bool OwnsTables { get; set; }

    /// <summary>The outbox index table's name.</summary>
    public string OutboxTableName => TablePrefix + "Outbox";

    /// <summary>The calendar table's name.</summary>
    public string CalendarTableName => TablePrefix + "Calendar";

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        if (From is not null && (string.IsNullOrWhiteSpace(From.Email) || !From.Email.Contains('@', StringComparison.Ordinal)))
        {
            results.Add(new ValidationResult("From.Email must be an email address."));
        }

        if (results.Count > 0)
        {
            throw new InvalidOperationException($"Invalid {SectionName} options: {string.Join(" ", results.Select(r => r.ErrorMessage))}");
        }
    }
}
