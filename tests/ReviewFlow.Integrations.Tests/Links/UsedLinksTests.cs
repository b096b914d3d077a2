using Azure.Data.Tables;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Integrations.Tests.Links;

public sealed class UsedLinksTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTime At = new(2027, 1, 4, 10, 0, 0, DateTimeKind.Utc);

    private async Task<UsedLinks> StoreAsync()
    {
        var store = new UsedLinks(new TableServiceClient(azurite.ConnectionString), TaskHubNames.New() + "UsedLinks");
        await store.EnsureCreatedAsync();
        return store;
    }

    private static ActionGrant Grant(string nonce = "n1") => new("cycle-2027-Q1-priya", ActionNames.Accept, "priya", At.AddDays(14), nonce);

    [Fact]
    public async Task TryClaimAsync_FirstUse_ClaimsAndASecondUseSeesTheFirst()
    {
        var store = await StoreAsync();

        Assert.Null(await store.TryClaimAsync(Grant(), At, CancellationToken.None));
        var second = await store.TryClaimAsync(Grant() with { Action = ActionNames.Propose }, At.AddMinutes(5), CancellationToken.None);

        Assert.Equal(new LinkUse(ActionNames.Accept, At), second);
        Assert.Equal(new LinkUse(ActionNames.Accept, At), await store.FindAsync(Grant(), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_ManyAtOnce_ExactlyOneWins()
    {
        var store = await StoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.TryClaimAsync(Grant(), At, CancellationToken.None)));

        Assert.Single(results, r => r is null);
    }

    [Fact]
    public async Task ReleaseAsync_AfterAFailedAnswer_LetsTheLinkBeUsedAgain()
    {
        var store = await StoreAsync();
        await store.TryClaimAsync(Grant(), At, CancellationToken.None);

        await store.ReleaseAsync(Grant(), CancellationToken.None);

        Assert.Null(await store.FindAsync(Grant(), CancellationToken.None));
        Assert.Null(await store.TryClaimAsync(Grant(), At, CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_OtherNonce_IsNotUsed()
    {
        var store = await StoreAsync();
        await store.TryClaimAsync(Grant("n1"), At, CancellationToken.None);

        Assert.Null(await store.FindAsync(Grant("n2"), CancellationToken.None));
    }
}
