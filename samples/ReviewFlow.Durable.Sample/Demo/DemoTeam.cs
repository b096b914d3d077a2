namespace ReviewFlow.Durable.Sample.Demo;

/// <summary>The demo's sellers: the first four are hand-picked to show every path; more are generated.</summary>
public static class DemoTeam
{
    private static readonly DemoSeller[] Named =
    [
        new("priya", "Priya", TenureMonths: 3, AgreesAfterHours: 20),
        new("tom", "Tom", TenureMonths: 30, AgreesAfterHours: 2),
        new("mei", "Mei", TenureMonths: 14, AgreesAfterHours: 100),
        new("sam", "Sam", TenureMonths: 8, AgreesAfterHours: null),
    ];

    public static IReadOnlyList<DemoSeller> Create(int count)
        => [.. Enumerable.Range(0, count).Select(i => i < Named.Length
            ? Named[i]
            : new DemoSeller($"seller{i:D4}", $"Seller {i}", TenureMonths: i % 24, AgreesAfterHours: i % 7 == 0 ? null : (i % 5) * 30 + 1))];
}
