namespace ReviewFlow.Integrations.Links;

/// <summary>The actions an emailed link can grant; each opens one page.</summary>
public static class ActionNames
{
    /// <summary>Manager: fill or adjust the seller's expectation set.</summary>
    public const string Define = "define";

    /// <summary>Seller: accept the proposed targets.</summary>
    public const string Accept = "accept";

    /// <summary>Seller: propose changes, with a reason.</summary>
    public const string Propose = "propose";

    /// <summary>Manager: answer a counter-proposal (accept, revise, or keep with a reply).</summary>
    public const string Counter = "counter";

    /// <summary>Seller: the check-in form before a review.</summary>
    public const string CheckIn = "checkin";

    /// <summary>Seller: the reflection questions before a coaching conversation.</summary>
    public const string Reflection = "reflection";

    /// <summary>Manager: the coaching notes (diagnosis and agreed actions).</summary>
    public const string CoachingNotes = "coaching-notes";

    /// <summary>Every action name.</summary>
    public static IReadOnlyList<string> All { get; } = [Define, Accept, Propose, Counter, CheckIn, Reflection, CoachingNotes];
}
