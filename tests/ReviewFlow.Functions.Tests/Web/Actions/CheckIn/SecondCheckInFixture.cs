using ReviewFlow.Functions.Tests.Web.Support;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.CheckIn;

/// <summary>
/// Sellers whose first review (weeks 1–2) was held on plan and whose second check-in (weeks 3–4) has just been asked
/// for, so the page has a trend to show. The clock stays there: the tests only read and post.
/// </summary>
public sealed class SecondCheckInFixture : IAsyncLifetime
{
    public static readonly string[] Sellers = ["cara", "cleo", "cody", "cruz"];

    private RunningService? _service;

    public RunningService Service => _service ?? throw new InvalidOperationException("The service is not started.");

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync();
        foreach (var seller in Sellers)
        {
            await CyclePaths.StartAsync(Service, seller);
        }

        await CyclePaths.ToReviewsAsync(Service, Sellers);
        var first = await CyclePaths.ToCheckInAsync(Service, Sellers, 1);
        await CyclePaths.HoldReviewsAsync(Service, first, 1, CyclePaths.OnPlan);
        await CyclePaths.ToCheckInAsync(Service, Sellers, 2);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
