using ReviewFlow.Functions.Tests.Web.Support;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Reflection;

/// <summary>
/// Sellers whose first review came in below plan under a policy that opens coaching on the first gap, so each has
/// just been asked to reflect and has a coaching conversation booked for the next day. The clock stays there.
/// </summary>
public sealed class CoachingOpenFixture : IAsyncLifetime
{
    public static readonly string[] Sellers = ["rhea", "rory", "ruby"];

    private RunningService? _service;

    public RunningService Service => _service ?? throw new InvalidOperationException("The service is not started.");

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync();
        foreach (var seller in Sellers)
        {
            await CyclePaths.StartAsync(Service, seller, CyclePaths.CoachAtFirstGap);
        }

        await CyclePaths.ToReviewsAsync(Service, Sellers);
        var weeks = await CyclePaths.ToCheckInAsync(Service, Sellers, 1);
        await CyclePaths.HoldReviewsAsync(Service, weeks, 1, CyclePaths.BelowPlan);
        foreach (var seller in Sellers)
        {
            await CyclePaths.EntryAsync(Service, seller, "ReflectionRequested");
            await CyclePaths.EntryAsync(Service, seller, "CoachingBooked");
        }
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
