using System.Net;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Targets;

/// <summary>
/// The seller's targets page, opened from the link in the real proposal email of a running cycle: accept,
/// counter-propose, and everything that must be refused without changing anything.
/// </summary>
public sealed class TargetsAnswerTests : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    /// <summary>Starts <paramref name="seller"/>'s cycle, defines it, and returns the (accept, propose) link paths of the proposal email.</summary>
    private async Task<(string Cycle, string Accept, string Propose)> ProposalAsync(string seller)
    {
        var cycle = (await _service.StartQuarterAsync(seller)).Single();
        await _service.ActionLinksAsync(EmailTemplates.DefineRequest, "mark@example.test");
        await _service.Client.RaiseEventAsync(cycle, nameof(ExpectationsSubmitted), new ExpectationsSubmitted(new Dictionary<string, double> { ["revenue"] = 120000, ["newConversationsPerWeek"] = 12 }));
        var links = await _service.ActionLinksAsync(EmailTemplates.AgreementProposal, $"{seller}@example.test");
        Assert.Equal(2, links.Count);

        // The email is in the outbox before its journal entries are written (one transaction, after the send): tests
        // that count the journal must start from the settled count.
        await _service.WaitForAsync(cycle, "AgreementRequested");
        return (cycle, links[0], links[1]);
    }

    private async Task<int> JournalCountAsync(string cycle) => (await _service.Journal.ReadCycleAsync(cycle, CancellationToken.None)).Count;

    [Fact]
    public async Task Get_ProposalLink_ShowsEachTargetWithWhyItMatters()
    {
        var (_, accept, _) = await ProposalAsync("ava");
        using var browser = _service.NewClient();

        var (status, html) = await PageForm.GetAsync(browser, accept);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your targets for 2027-Q1", html, StringComparison.Ordinal);
        Assert.Contains("120,000", html, StringComparison.Ordinal);
        Assert.Contains("newConversationsPerWeek", html, StringComparison.Ordinal);
        Assert.Contains("120,000 £", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("class=\"why\"", html, StringComparison.Ordinal);
        Assert.Contains("Accept these targets", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Accept_AgreesTheTargetsAndASecondSubmitIsAlreadyDone()
    {
        var (cycle, accept, propose) = await ProposalAsync("ben");
        using var browser = _service.NewClient();

        var (status, html) = await PageForm.SubmitAsync(browser, accept, ("decision", "accept"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You accepted your targets", html, StringComparison.Ordinal);
        Assert.Contains("What happens next", html, StringComparison.Ordinal);
        var agreed = await _service.WaitForAsync(cycle, "TargetsAgreed");
        Assert.Equal("SellerAccepted", agreed.Data["settled"]!.GetValue<string>());
        Assert.Equal(120000, agreed.Data["targets"]!["revenue"]!.GetValue<double>());

        // The other link of the same email is used up too, and a replay changes nothing.
        var (againStatus, again) = await PageForm.SubmitAsync(browser, propose, ("decision", "propose"), ("target.revenue", "1"), ("reason", "replay"));
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Contains("Already done", again, StringComparison.Ordinal);
        var entries = await _service.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        Assert.DoesNotContain(entries, e => e.Type is "CounterProposed" or "AnswerRejected");
        Assert.Single(entries, e => e.Type == "TargetsAgreed");
    }

    [Fact]
    public async Task Post_Propose_SendsTheChangedTargetsAndReasonToTheManager()
    {
        var (cycle, _, propose) = await ProposalAsync("cara");
        using var browser = _service.NewClient();

        var (status, html) = await PageForm.SubmitAsync(
            browser, propose, ("decision", "propose"), ("target.revenue", "100,000"), ("target.newConversationsPerWeek", "12"), ("reason", "Two big renewals moved to Q2."));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You proposed changes to 1 target: revenue.", html, StringComparison.Ordinal);
        var counter = await _service.WaitForAsync(cycle, "CounterProposed");
        Assert.Equal(100000, counter.Data["targets"]!["revenue"]!.GetValue<double>());
        Assert.Equal(12, counter.Data["targets"]!["newConversationsPerWeek"]!.GetValue<double>());
        Assert.Equal("Two big renewals moved to Q2.", counter.Data["reason"]!.GetValue<string>());
        await _service.ActionLinksAsync(EmailTemplates.CounterProposal, "mark@example.test");
    }

    [Theory]
    [InlineData("-5", "Two renewals moved.", "must not be negative")]
    [InlineData("1e13", "Two renewals moved.", "at most 1e12")]
    [InlineData("lots", "Two renewals moved.", "is not a number")]
    [InlineData("", "Two renewals moved.", "please enter a target")]
    [InlineData("100000", "", "reason")]
    [InlineData("120000", "No change at all.", "change")]
    public async Task Post_BadProposal_Is400NamingTheProblemAndChangesNothing(string revenue, string reason, string expected)
    {
        var seller = "d" + Math.Abs(StringComparer.Ordinal.GetHashCode(revenue + reason)).ToString(System.Globalization.CultureInfo.InvariantCulture)[..6].Replace('-', 'x');
        var (cycle, _, propose) = await ProposalAsync("s" + new string(seller.Where(char.IsAsciiLetterOrDigit).ToArray()));
        using var browser = _service.NewClient();
        var before = await JournalCountAsync(cycle);

        var (status, html) = await PageForm.SubmitAsync(
            browser, propose, ("decision", "propose"), ("target.revenue", revenue), ("target.newConversationsPerWeek", "12"), ("reason", reason));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing was saved", html, StringComparison.Ordinal);
        await AssertUnchangedAsync(cycle, propose, before);
    }

    [Fact]
    public async Task Post_ScriptInTheReason_IsShownEncodedNeverAsMarkup()
    {
        var (cycle, _, propose) = await ProposalAsync("eve");
        using var browser = _service.NewClient();
        var before = await JournalCountAsync(cycle);

        var (status, html) = await PageForm.SubmitAsync(
            browser, propose, ("decision", "propose"), ("target.revenue", "-1"), ("target.newConversationsPerWeek", "12"), ("reason", "<script>alert('x')</script>"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        await AssertUnchangedAsync(cycle, propose, before);
    }

    [Fact]
    public async Task Post_UnknownFieldOrForeignMetric_Is400AndChangesNothing()
    {
        var (cycle, _, propose) = await ProposalAsync("finn");
        using var browser = _service.NewClient();
        var before = await JournalCountAsync(cycle);

        var (extraStatus, extra) = await PageForm.SubmitAsync(browser, propose, ("decision", "accept"), ("isAdmin", "true"));
        var (metricStatus, metric) = await PageForm.SubmitAsync(
            browser, propose, ("decision", "propose"), ("target.revenue", "1000"), ("target.newConversationsPerWeek", "12"), ("target.bonus", "5"), ("reason", "r"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (extraStatus, metricStatus));
        Assert.Contains("isAdmin", extra, StringComparison.Ordinal);
        Assert.Contains("bonus: not one of this quarter", metric, StringComparison.Ordinal);
        await AssertUnchangedAsync(cycle, propose, before);
    }

    [Fact]
    public async Task Post_FieldSentTwice_Is400RatherThanJoinedIntoAnotherNumber()
    {
        var (cycle, _, propose) = await ProposalAsync("lou");
        using var browser = _service.NewClient();
        var before = await JournalCountAsync(cycle);

        var (status, html) = await PageForm.SubmitAsync(
            browser, propose, ("decision", "propose"), ("target.revenue", "1"), ("target.revenue", "2"), ("target.newConversationsPerWeek", "12"), ("reason", "r"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("target.revenue: sent more than once", html, StringComparison.Ordinal);
        await AssertUnchangedAsync(cycle, propose, before);
    }

    [Fact]
    public async Task Post_WithoutTheAntiForgeryToken_Is400AndChangesNothing()
    {
        var (cycle, accept, _) = await ProposalAsync("gus");
        using var browser = _service.NewClient();
        var before = await JournalCountAsync(cycle);

        using var response = await browser.PostAsync(accept, new FormUrlEncodedContent([new("decision", "accept")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertUnchangedAsync(cycle, accept, before);
    }

    [Fact]
    public async Task Post_OversizedBody_IsRefusedAndChangesNothing()
    {
        var (cycle, _, propose) = await ProposalAsync("hal");
        using var browser = _service.NewClient();
        var before = await JournalCountAsync(cycle);

        var (status, _) = await PageForm.SubmitAsync(
            browser, propose, ("decision", "propose"), ("target.revenue", "1000"), ("target.newConversationsPerWeek", "12"), ("reason", new string('x', 70_000)));

        Assert.True(status is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"status {status}");
        await AssertUnchangedAsync(cycle, propose, before);
    }

    [Fact]
    public async Task Get_ForgedExpiredMalformedAndCrossSellerLinks_AreRefusedWithTheRightStatus()
    {
        var (cycle, accept, _) = await ProposalAsync("ivy");
        var otherCycle = (await _service.StartQuarterAsync("jon")).Single();
        await _service.WaitForAsync(otherCycle, "CycleStarted");
        using var browser = _service.NewClient();
        var token = accept["/act/".Length..];
        var grant = _service.Signer.Check(token).Grant!;
        var before = await JournalCountAsync(cycle);

        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        var expired = _service.Token(grant with { ExpiresUtc = _service.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1) });
        var crossSeller = _service.Token(grant with { InstanceId = otherCycle });
        var unknownAction = _service.Token(grant with { Action = "promote" });

        Assert.Equal(HttpStatusCode.Forbidden, (await PageForm.GetAsync(browser, "/act/" + flipped)).Status);
        Assert.Equal(HttpStatusCode.Gone, (await PageForm.GetAsync(browser, "/act/" + expired)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PageForm.GetAsync(browser, "/act/not-a-token")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PageForm.GetAsync(browser, "/act/" + crossSeller)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PageForm.GetAsync(browser, "/act/" + unknownAction)).Status);
        var (postStatus, _) = await PageForm.SubmitAsync(browser, "/act/" + expired, ("decision", "accept"));
        Assert.Equal(HttpStatusCode.Gone, postStatus);
        await AssertUnchangedAsync(cycle, accept, before);
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        var (_, accept, _) = await ProposalAsync("kim");
        using var browser = _service.NewClient();

        using var response = await browser.GetAsync(accept);

        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>No new journal entry, the link unused, and the cycle still waiting for the seller (an accept still works).</summary>
    private async Task AssertUnchangedAsync(string cycle, string link, int journalEntriesBefore)
    {
        var grant = _service.Signer.Check(link["/act/".Length..]).Grant!;
        Assert.Null(await _service.UsedLinks.FindAsync(grant, CancellationToken.None));
        Assert.Equal(journalEntriesBefore, await JournalCountAsync(cycle));

        // Had anything reached the cycle, it would show now: the real answer must be the first and only one.
        using var browser = _service.NewClient();
        var (status, _) = await PageForm.SubmitAsync(browser, link, ("decision", "accept"));
        Assert.Equal(HttpStatusCode.OK, status);
        var agreed = await _service.WaitForAsync(cycle, "TargetsAgreed");
        Assert.Equal("SellerAccepted", agreed.Data["settled"]!.GetValue<string>());
        Assert.DoesNotContain(await _service.Journal.ReadCycleAsync(cycle, CancellationToken.None), e => e.Type is "CounterProposed" or "AnswerRejected");
    }
}
