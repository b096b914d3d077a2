using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ReviewFlow.Domain.People;

namespace ReviewFlow.Functions.Management;

/// <summary>
/// The roster as table rows: one row per team, manager and seller, all in the partition of one roster version
/// (row keys "t|", "m|", "s|" + id), with plain typed columns so the table reads well in Storage Explorer.
/// </summary>
internal static class RosterRows
{
    private const string TeamPrefix = "t|";
    private const string ManagerPrefix = "m|";
    private const string SellerPrefix = "s|";

    public static IEnumerable<TableEntity> ToEntities(Roster roster, string version)
    {
        foreach (var team in roster.Teams)
        {
            yield return new TableEntity(version, TeamPrefix + team.ManagerId) { ["Name"] = team.Name };
        }

        foreach (var manager in roster.Managers)
        {
            var row = PersonRow(version, ManagerPrefix, manager.Person);
            row["EscalateTo"] = manager.EscalateTo;
            yield return row;
        }

        foreach (var seller in roster.Sellers)
        {
            var row = PersonRow(version, SellerPrefix, seller.Person);
            row["StartDate"] = seller.Seller.StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            row["ManagerId"] = seller.ManagerId;
            row["RoleTemplate"] = JsonSerializer.Serialize(seller.RoleTemplate);
            yield return row;
        }
    }

    public static Roster FromEntities(IEnumerable<TableEntity> entities)
    {
        var teams = new List<RosterTeam>();
        var managers = new List<Manager>();
        var sellers = new List<RosterSeller>();
        foreach (var row in entities.OrderBy(e => e.RowKey, StringComparer.Ordinal))
        {
            if (row.RowKey.StartsWith(TeamPrefix, StringComparison.Ordinal))
            {
                teams.Add(new RosterTeam(row.RowKey[TeamPrefix.Length..], row.GetString("Name")));
            }
            else if (row.RowKey.StartsWith(ManagerPrefix, StringComparison.Ordinal))
            {
                managers.Add(new Manager(ReadPerson(row, ManagerPrefix), row.GetString("EscalateTo")));
            }
            else if (row.RowKey.StartsWith(SellerPrefix, StringComparison.Ordinal))
            {
                var startedOn = DateOnly.ParseExact(row.GetString("StartDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var template = JsonSerializer.Deserialize<Dictionary<string, double>>(row.GetString("RoleTemplate") ?? "{}") ?? [];
                sellers.Add(new RosterSeller(new Seller(ReadPerson(row, SellerPrefix), startedOn), row.GetString("ManagerId"), template));
            }
        }

        return new Roster(teams, managers, sellers);
    }

    /// <summary>The filter for a version's manager rows only.</summary>
    public static string ManagersFilter(string version) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {version} and RowKey ge {ManagerPrefix} and RowKey lt {"m}"}");

    public static Manager ReadManager(TableEntity row) => new(ReadPerson(row, ManagerPrefix), row.GetString("EscalateTo"));

    private static TableEntity PersonRow(string version, string prefix, Person person) => new(version, prefix + person.Id)
    {
        ["Name"] = person.Name,
        ["Email"] = person.Email,
        ["TimeZone"] = person.TimeZone,
        ["WorkStart"] = person.WorkingHours.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["WorkEnd"] = person.WorkingHours.End.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["WorkDays"] = string.Join(',', person.WorkingHours.Days),
    };

    private static Person ReadPerson(TableEntity row, string prefix) => new(
        row.RowKey[prefix.Length..],
        row.GetString("Name"),
        row.GetString("Email"),
        row.GetString("TimeZone"),
        new WorkingHours(
            TimeOnly.ParseExact(row.GetString("WorkStart"), "HH:mm", CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(row.GetString("WorkEnd"), "HH:mm", CultureInfo.InvariantCulture),
            [.. row.GetString("WorkDays").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DayOfWeek>)]));
}
