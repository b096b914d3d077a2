using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;

namespace ReviewFlow.Browser.Tests.Support;

/// <summary>The few steps the browser tests add to <see cref="CyclePaths"/>: addresses for the browser, and the emails' links.</summary>
public static class CycleSteps
{
    public static string Mark => RunningService.Mark.Person.Email;

    /// <summary>The absolute address of a service path (/act/…, /dashboard) for the browser.</summary>
    public static string Url(this RunningService service, string path) => new Uri(service.BaseAddress, path).ToString();

    /// <summary>Starts the quarter for Mark's team of <paramref name="sellers"/>; returns once each seller's Define request is out.</summary>
    public static async Task StartTeamAsync(this RunningService service, params string[] sellers)
    {
        await service.StartQuarterAsync(sellers);
        await Task.WhenAll(sellers.Select(s => CyclePaths.EntryAsync(service, s, "ExpectationsRequested")));
    }

    /// <summary>The (accept, propose) links of the proposal email to <paramref name="seller"/>.</summary>
    public static async Task<(string Accept, string Propose)> ProposalLinksAsync(this RunningService service, string seller)
    {
        var links = await CyclePaths.LinksAsync(service, seller, EmailTemplates.AgreementProposal, CyclePaths.Seller(seller).Email);
        return links.Count == 2
            ? (links[0], links[1])
            : throw new InvalidOperationException($"The proposal email to {seller} has {links.Count} links, not accept and propose.");
    }

    /// <summary>The one link of an email that asks <paramref name="to"/> for one answer on <paramref name="seller"/>'s cycle.</summary>
    public static async Task<string> LinkAsync(this RunningService service, string seller, string template, string to) =>
        (await CyclePaths.LinksAsync(service, seller, template, to)).Single();
}
