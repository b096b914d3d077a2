using System.Text.Json.Nodes;
using ReviewFlow.Domain.Agreement;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Agree;

/// <summary>
/// Agree: the seller accepts the proposal or counters with a reason; counters go to the manager, who accepts,
/// revises or keeps the proposal (a new round); rounds are bounded and every answer has a deadline with a
/// reminder first. The full audit of who proposed what, when and why is recorded with the agreement.
/// </summary>
internal static class AgreeStep
{
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(CycleRun run, IReadOnlyDictionary<string, double> proposed)
    {
        var agreement = TargetAgreement.Propose(run.Manager.Id, proposed, run.Now);
        while (!agreement.IsSettled)
        {
            agreement = await SellerRoundAsync(run, agreement);
            if (agreement.PendingCounter is not null)
            {
                agreement = await ManagerAnswerAsync(run, agreement);
            }
        }

        var settled = agreement.Audit[^1];
        var how = Settled(settled.Step);

        // Running out of rounds ends the round a "keep" or "revise" would have opened: it was never held.
        var rounds = settled.Step == AgreementStep.RoundsExhausted ? agreement.Round - 1 : agreement.Round;
        run.Record(new PendingEntry("TargetsAgreed", new JsonObject
        {
            ["targets"] = Texts.Numbers(agreement.Agreed!),
            ["rounds"] = rounds,
            ["settled"] = settled.Step.ToString(),
            ["audit"] = Audit(agreement),
        }));
        var model = run.Model(run.Seller);
        model["targets"] = Texts.Targets(agreement.Agreed!, run.Policy.Catalogue);
        model["rounds"] = rounds;
        model["settled"] = how;
        await run.EmailAsync(EmailTemplates.TargetsAgreed, run.Seller, model, cc: run.Manager);
        return agreement.Agreed!;
    }

    private static async Task<TargetAgreement> SellerRoundAsync(CycleRun run, TargetAgreement agreement)
    {
        var model = run.Model(run.Seller);
        model["targets"] = Texts.Targets(agreement.Proposal, run.Policy.Catalogue);
        model["round"] = agreement.Round;
        model["acceptLink"] = run.Link(ActionNames.Accept, run.Seller);
        model["proposeLink"] = run.Link(ActionNames.Propose, run.Seller);
        await run.EmailAsync(
            EmailTemplates.AgreementProposal,
            run.Seller,
            model,
            nameof(TargetsAnswered),
            alsoRecord: new PendingEntry("AgreementRequested", new JsonObject { ["targets"] = Texts.Numbers(agreement.Proposal), ["round"] = agreement.Round }));

        var sent = run.Now;
        var about = $"the proposed targets for {run.Profile.Quarter.Label}";
        var answer = await run.AwaitAsync<TargetsAnswered>(
            nameof(TargetsAnswered),
            [ManagerNudges.Reminder(run, run.Seller, about, run.Link(ActionNames.Accept, run.Seller), sent + run.Policy.ReminderAfter)],
            sent + run.Policy.AgreementDeadline,
            answer => answer.Accept ? null : CycleRun.ProblemWith(() => Counter(run, agreement, answer)));
        if (answer is null)
        {
            return agreement.DeadlinePassed(run.Now);
        }

        if (answer.Accept)
        {
            return agreement.SellerAccepts(run.Seller.Id, run.Now);
        }

        agreement = Counter(run, agreement, answer);
        run.Record(new PendingEntry("CounterProposed", new JsonObject
        {
            ["targets"] = Texts.Numbers(agreement.PendingCounter!),
            ["reason"] = answer.Reason,
            ["round"] = agreement.Round,
        }));
        return agreement;
    }

    /// <summary>The counter applied; throws (and the answer is rejected) without changes or a reason.</summary>
    private static TargetAgreement Counter(CycleRun run, TargetAgreement agreement, TargetsAnswered answer)
        => agreement.SellerCounters(run.Seller.Id, answer.Counter ?? new Dictionary<string, double>(), answer.Reason ?? string.Empty, run.Now);

    private static async Task<TargetAgreement> ManagerAnswerAsync(CycleRun run, TargetAgreement agreement)
    {
        var catalogue = run.Policy.Catalogue;
        var proposal = ExpectationSet.From(agreement.Proposal, catalogue);
        var counter = ExpectationSet.From(agreement.PendingCounter!, catalogue);
        var changes = new JsonArray();
        foreach (var change in proposal.Changes(counter).Where(c => c.From != c.To))
        {
            var metric = catalogue.Resolve(change.Key);
            changes.Add(new JsonObject
            {
                ["key"] = change.Key,
                ["unit"] = Texts.Unit(metric),
                ["from"] = change.From is { } from ? Texts.Value(from) : "—",
                ["to"] = change.To is { } to ? Texts.Value(to) : "—",
            });
        }

        var model = run.Model(run.Manager);
        model["changes"] = changes;
        model["reason"] = agreement.Audit[^1].Reason ?? string.Empty;
        model["round"] = agreement.Round;
        model["link"] = run.Link(ActionNames.Counter, run.Manager);
        await run.EmailAsync(EmailTemplates.CounterProposal, run.Manager, model, nameof(CounterAnswered));

        var sent = run.Now;
        var answer = await run.AwaitAsync<CounterAnswered>(
            nameof(CounterAnswered),
            ManagerNudges.For(run, $"{run.Seller.Name}'s counter-proposal", run.Link(ActionNames.Counter, run.Manager), sent),
            sent + run.Policy.AgreementDeadline,
            answer => answer.Accept ? null : CycleRun.ProblemWith(() => Answer(run, agreement, answer)));
        if (answer is null)
        {
            return agreement.DeadlinePassed(run.Now);
        }

        agreement = Answer(run, agreement, answer);
        return !agreement.IsSettled && agreement.Round > run.Policy.MaxAgreementRounds ? agreement.RoundsExhausted(run.Now) : agreement;
    }

    /// <summary>The manager's answer applied: accept, revise (a revision names what changes; every other target stays) or keep.</summary>
    private static TargetAgreement Answer(CycleRun run, TargetAgreement agreement, CounterAnswered answer)
    {
        if (answer.Accept)
        {
            return agreement.ManagerAccepts(run.Manager.Id, run.Now);
        }

        var reason = answer.Reason ?? string.Empty;
        return answer.Revise is { Count: > 0 } revised
            ? agreement.ManagerRevises(run.Manager.Id, Overlay(agreement.Proposal, revised), reason, run.Now)
            : agreement.ManagerKeeps(run.Manager.Id, reason, run.Now);
    }

    private static Dictionary<string, double> Overlay(IReadOnlyDictionary<string, double> proposal, IReadOnlyDictionary<string, double> changes)
    {
        var merged = proposal.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static string Settled(AgreementStep step) => step switch
    {
        AgreementStep.SellerAccepted => "You accepted the proposed targets.",
        AgreementStep.ManagerAccepted => "Your manager accepted your proposed changes.",
        AgreementStep.DeadlinePassed => "No answer came by the deadline, so the standing proposal applies; it can still be discussed at the first review.",
        AgreementStep.RoundsExhausted => "After the agreed number of rounds, the latest proposal applies; it can still be discussed at the first review.",
        _ => "Agreed.",
    };

    private static JsonArray Audit(TargetAgreement agreement)
    {
        var audit = new JsonArray();
        foreach (var entry in agreement.Audit)
        {
            audit.Add(new JsonObject
            {
                ["round"] = entry.Round,
                ["step"] = entry.Step.ToString(),
                ["by"] = entry.By,
                ["targets"] = Texts.Numbers(entry.Targets),
                ["reason"] = entry.Reason,
                ["at"] = Texts.Iso(entry.At),
            });
        }

        return audit;
    }
}
