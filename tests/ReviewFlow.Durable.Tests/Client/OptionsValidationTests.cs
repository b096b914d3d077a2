using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewFlow.Durable.Worker;
using Xunit;

namespace ReviewFlow.Durable.Tests.Client;

/// <summary>Bad configuration fails at start-up with a message that names the setting.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Bad_Hub")]
    [InlineData("ab")]
    [InlineData("1starts-with-digit")]
    public void AddReviewFlowDurable_InvalidTaskHubName_ThrowsNamingIt(string hub)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddReviewFlowDurable(
            storage =>
            {
                storage.ConnectionString = "UseDevelopmentStorage=true";
                storage.TaskHubName = hub;
            },
            _ => { }));

        Assert.Contains("TaskHubName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddReviewFlowDurable_NoConnection_ThrowsNamingTheSettings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddReviewFlowDurable(_ => { }, _ => { }));

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_VisibilityTimeoutTooShort_FailsValidationNamingIt()
    {
        using var provider = new ServiceCollection()
            .AddReviewFlowDurable(
                storage => storage.ConnectionString = "UseDevelopmentStorage=true",
                _ => { },
                worker => worker.VisibilityTimeout = TimeSpan.FromMilliseconds(10))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DurableWorkerOptions>>().Value);

        Assert.Contains("VisibilityTimeout", error.Message, StringComparison.Ordinal);
    }
}
