namespace ReviewFlow.Durable.Storage;

/// <summary>
/// What a state row holds that the next commit may leave in place: the history of the current execution up to an
/// event, and the custom status. Known after a load or a commit of this process; a commit without it writes the row
/// whole.
/// </summary>
/// <param name="ExecutionId">The execution whose history the row holds.</param>
/// <param name="Events">How many of its events are stored.</param>
/// <param name="Episodes">How many episodes were appended since the history was last written whole.</param>
/// <param name="HistoryChars">Characters of history text in the row, whole and appended.</param>
/// <param name="CustomStatus">The custom status stored (as the orchestration set it, before any blob reference).</param>
internal sealed record StoredRow(string? ExecutionId, int Events, int Episodes, int HistoryChars, string? CustomStatus);
