namespace ReviewFlow.Integrations.Links;

/// <summary>
/// What one signed link lets its holder do: one action, on one seller's cycle, for one person, until it expires.
/// Every link of one email shares the email's <paramref name="Nonce"/>, so an email's request is answered once
/// (accept or propose, not both).
/// </summary>
/// <param name="InstanceId">The cycle (orchestration instance) the action is for.</param>
/// <param name="Action">The action, e.g. "accept" or "checkin" (see <see cref="ActionNames"/>).</param>
/// <param name="PersonId">Who may act.</param>
/// <param name="ExpiresUtc">After this instant the link is refused.</param>
/// <param name="Nonce">Recorded on use: a second use finds it.</param>
public sealed record ActionGrant(string InstanceId, string Action, string PersonId, DateTime ExpiresUtc, string Nonce);
