namespace ReviewFlow.Functions.Web.Actions;

/// <summary>
/// Runs a Domain rule the way the cycle will, so a page refuses exactly what the cycle would reject, with the
/// rule's own words (minus the parameter name .NET appends for developers).
/// </summary>
internal static class DomainRules
{
    /// <summary>Adds the rule's message to <paramref name="problems"/> when <paramref name="rule"/> throws.</summary>
    public static void Check(Action rule, List<string> problems)
    {
        try
        {
            rule();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            problems.Add(FieldText.Message(e));
        }
    }
}
