namespace ReviewFlow.Functions.Tests.Web.Api;

/// <summary>Rosters for the tests: Mark's and Nina's teams, with the seller ids each test class asks for.</summary>
public static class Rosters
{
    public static object Manager(string id, string name) => new
    {
        id,
        name,
        email = $"{id}@example.test",
        timeZone = "Europe/London",
        workingHours = new { start = "09:00", end = "17:30", days = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" } },
        escalateTo = "director@example.test",
    };

    public static object Seller(string id, string managerId, string startDate = "2024-01-01") => new
    {
        id,
        name = char.ToUpperInvariant(id[0]) + id[1..] + " Example",
        email = $"{id}@example.test",
        timeZone = "Europe/London",
        startDate,
        managerId,
        roleTemplate = new Dictionary<string, double> { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10 },
    };

    /// <summary>Mark (team "North") with <paramref name="markSellers"/>, Nina with <paramref name="ninaSellers"/>.</summary>
    public static object Two(string[] markSellers, string[] ninaSellers) => new
    {
        teams = new[] { new { id = "mark", name = "North" }, new { id = "nina", name = "South" } },
        managers = new[] { Manager("mark", "Mark Whitaker"), Manager("nina", "Nina Patel") },
        sellers = markSellers.Select(s => Seller(s, "mark")).Concat(ninaSellers.Select(s => Seller(s, "nina"))).ToArray(),
    };
}
