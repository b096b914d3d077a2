using System.Globalization;

using ReviewFlow.Domain.Agreement;
using Xunit;

namespace ReviewFlow.Domain.Tests.Agreement;

public sealed class TargetAgreementTests
{
    private const string Manager = "mark";
    private const string Seller = "priya";
    private static readonly DateTime Start = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);

    private static Dictionary<string, double> Targets(string spec)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            values.Add(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        return values;
    }

    private static string Format(IReadOnlyDictionary<string, double>? targets) =>
        targets is null ? "-" : string.Join(',', targets.Select(t => $"{t.Key}={t.Value.ToString(CultureInfo.InvariantCulture)}"));

    private static TargetAgreement Proposed() => TargetAgreement.Propose(Manager, Targets("revenue=90000,dealsWon=10"), Start);

    /// <summary>
    /// Runs a script of steps after the manager's proposal of revenue=90000,dealsWon=10, one step an hour:
    /// SA seller accepts, SC k=v counter, MA manager accepts, MR k=v revise, MK keep, DL deadline, RX rounds exhausted.
    /// </summary>
    private static TargetAgreement Run(string script)
    {
        var agreement = Proposed();
        var at = Start;
        foreach (var step in script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            at = at.AddHours(1);
            var parts = step.Split(' ', 2);
            var arg = parts.Length > 1 ? parts[1] : string.Empty;
            agreement = parts[0] switch
            {
                "SA" => agreement.SellerAccepts(Seller, at),
                "SC" => agreement.SellerCounters(Seller, Targets(arg), "two accounts moved to key accounts", at),
                "MA" => agreement.ManagerAccepts(Manager, at),
                "MR" => agreement.ManagerRevises(Manager, Targets(arg), "we can meet halfway", at),
                "MK" => agreement.ManagerKeeps(Manager, "the territory grew this quarter", at),
                "DL" => agreement.DeadlinePassed(at),
                "RX" => agreement.RoundsExhausted(at),
                _ => throw new ArgumentOutOfRangeException(nameof(script), step, "Unknown step."),
            };
        }

        return agreement;
    }

    [Theory]
    [InlineData("", 1, "-", "-", "Proposed")]
    [InlineData("SA", 1, "revenue=90000,dealsWon=10", "-", "Proposed SellerAccepted")]
    [InlineData("SC revenue=80000", 1, "-", "revenue=80000,dealsWon=10", "Proposed Countered")]
    [InlineData("SC revenue=80000; MA", 1, "revenue=80000,dealsWon=10", "-", "Proposed Countered ManagerAccepted")]
    [InlineData("SC revenue=80000; MK; SA", 2, "revenue=90000,dealsWon=10", "-", "Proposed Countered Kept SellerAccepted")]
    [InlineData("SC revenue=80000; MR revenue=85000,dealsWon=10; SA", 2, "revenue=85000,dealsWon=10", "-", "Proposed Countered Revised SellerAccepted")]
    [InlineData("SC dealsWon=8; MK; SC revenue=85000; MA", 2, "revenue=85000,dealsWon=10", "-", "Proposed Countered Kept Countered ManagerAccepted")]
    [InlineData("DL", 1, "revenue=90000,dealsWon=10", "-", "Proposed DeadlinePassed")]
    [InlineData("SC revenue=80000; DL", 1, "revenue=90000,dealsWon=10", "-", "Proposed Countered DeadlinePassed")] // the standing proposal, not the counter
    [InlineData("SC revenue=80000; MR revenue=85000,dealsWon=10; DL", 2, "revenue=85000,dealsWon=10", "-", "Proposed Countered Revised DeadlinePassed")]
    [InlineData("SC revenue=80000; MK; SC revenue=80000; MK; RX", 3, "revenue=90000,dealsWon=10", "-", "Proposed Countered Kept Countered Kept RoundsExhausted")]
    public void Steps_Script_SettleAsMethodSays(string script, int round, string agreed, string pending, string steps)
    {
        var agreement = Run(script);

        Assert.Equal(round, agreement.Round);
        Assert.Equal(agreed, Format(agreement.Agreed));
        Assert.Equal(agreed != "-", agreement.IsSettled);
        Assert.Equal(pending, Format(agreement.PendingCounter));
        Assert.Equal(steps, string.Join(' ', agreement.Audit.Select(e => e.Step)));
    }

    [Theory]
    [InlineData("SA", "SC revenue=1", "already agreed")] // countering when settled
    [InlineData("SA", "SA", "already agreed")]
    [InlineData("SC revenue=80000; MA", "MK", "already agreed")]
    [InlineData("DL", "SC revenue=1", "already agreed")]
    [InlineData("SA", "DL", "already agreed")]
    [InlineData("RX", "RX", "already agreed")]
    [InlineData("", "MA", "no counter-proposal")] // manager accepting with no counter pending
    [InlineData("", "MK", "no counter-proposal")]
    [InlineData("", "MR revenue=85000", "no counter-proposal")]
    [InlineData("SC revenue=80000; MK", "MA", "no counter-proposal")]
    [InlineData("SC revenue=80000", "SC revenue=70000", "waiting for the manager")] // one counter at a time
    [InlineData("SC revenue=80000", "SA", "waiting for the manager")]
    public void Steps_InvalidTransition_ThrowsInvalidOperationWithClearMessage(string before, string step, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Run(before + ";" + step));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SC", null)]
    [InlineData("SC", "")]
    [InlineData("SC", "   ")]
    [InlineData("MR", "")]
    [InlineData("MR", "\t")]
    [InlineData("MK", "")]
    [InlineData("MK", " ")]
    public void Steps_BlankReason_ThrowsArgumentException(string step, string? reason)
    {
        var countered = Run("SC revenue=80000");

        var error = Assert.Throws<ArgumentException>(step switch
        {
            "SC" => () => Proposed().SellerCounters(Seller, Targets("revenue=80000"), reason!, Start),
            "MR" => () => countered.ManagerRevises(Manager, Targets("revenue=85000"), reason!, Start),
            _ => () => countered.ManagerKeeps(Manager, reason!, Start),
        });

        Assert.Equal("reason", error.ParamName);
        Assert.Contains("reason", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conversionRate=20", "conversionRate")] // a metric the manager did not propose
    [InlineData("revenue=80000,Revenue=1", "Revenue")] // keys are ordinal
    [InlineData("", "at least one")] // an empty counter is not a counter
    [InlineData("revenue=-1", "not negative")]
    public void SellerCounters_InvalidChanges_ThrowsArgumentExceptionNamingThem(string changes, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Proposed().SellerCounters(Seller, Targets(changes), "reason", Start));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(2, 3, true)]
    [InlineData(3, 3, false)]
    [InlineData(1, 1, false)]
    public void CanStartAnotherRound_RoundAgainstMax_OnlyBelowTheLimit(int rounds, int maxRounds, bool expected)
    {
        var agreement = Proposed();
        for (var round = 1; round < rounds; round++)
        {
            agreement = agreement.SellerCounters(Seller, Targets("revenue=80000"), "reason", Start).ManagerKeeps(Manager, "reason", Start);
        }

        Assert.Equal(rounds, agreement.Round);
        Assert.Equal(expected, agreement.CanStartAnotherRound(maxRounds));
    }

    [Fact]
    public void Audit_EveryStep_RecordsRoundStepPersonTargetsReasonAndTime()
    {
        var agreement = Run("SC revenue=80000; MK; DL");

        Assert.Collection(
            agreement.Audit,
            e => Assert.Equal((1, AgreementStep.Proposed, Manager, "revenue=90000,dealsWon=10", (string?)null, Start), Flatten(e)),
            e => Assert.Equal((1, AgreementStep.Countered, Seller, "revenue=80000,dealsWon=10", "two accounts moved to key accounts", Start.AddHours(1)), Flatten(e)),
            e => Assert.Equal((2, AgreementStep.Kept, Manager, "revenue=90000,dealsWon=10", "the territory grew this quarter", Start.AddHours(2)), Flatten(e)),
            e => Assert.Equal((2, AgreementStep.DeadlinePassed, "system", "revenue=90000,dealsWon=10", e.Reason, Start.AddHours(3)), Flatten(e)));
    }

    [Fact]
    public void RoundsExhausted_Audit_NamesTheSystem()
    {
        var entry = Run("SC revenue=80000; MR revenue=85000,dealsWon=9; SC dealsWon=8; RX").Audit[^1];

        Assert.Equal((2, AgreementStep.RoundsExhausted, "system", "revenue=85000,dealsWon=9"), (entry.Round, entry.Step, entry.By, Format(entry.Targets)));
    }

    [Fact]
    public void Propose_CallerChangesTheirDictionary_AuditIsUnchanged()
    {
        var targets = Targets("revenue=90000");
        var agreement = TargetAgreement.Propose(Manager, targets, Start);

        targets["revenue"] = 1;

        Assert.Equal(90000, agreement.Proposal["revenue"]);
        Assert.Equal(90000, agreement.Audit[0].Targets["revenue"]);
    }

    [Fact]
    public void Steps_EachReturnsNewState_EarlierStateIsUnchanged()
    {
        var proposed = Proposed();

        var countered = proposed.SellerCounters(Seller, Targets("revenue=80000"), "reason", Start);

        Assert.Single(proposed.Audit);
        Assert.Null(proposed.PendingCounter);
        Assert.Equal(2, countered.Audit.Count);
    }

    private static (int, AgreementStep, string, string, string?, DateTime) Flatten(AgreementEntry e) =>
        (e.Round, e.Step, e.By, Format(e.Targets), e.Reason, e.At);
}
