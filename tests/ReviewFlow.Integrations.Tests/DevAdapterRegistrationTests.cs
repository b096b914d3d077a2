using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests;

public sealed class DevAdapterRegistrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddReviewFlowDevAdapters_ConnectionString_ResolvesEveryAdapterOnTheRegisteredClock()
    {
        var clock = new FakeTimeProvider(DevAdapters.Start);
        var template = DevAdapters.Options(_directory.Path);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddReviewFlowDevAdapters(azurite.ConnectionString, o =>
            {
                o.OutboxDirectory = template.OutboxDirectory;
                o.TablePrefix = template.TablePrefix;
                o.JournalTableName = template.JournalTableName;
            });
        await using var provider = services.BuildServiceProvider();
        var stores = provider.GetRequiredService<DevAdapterStores>();

        await stores.EnsureCreatedAsync();
        await stores.EnsureCreatedAsync();

        Assert.Same(provider.GetRequiredService<DevOutbox>(), provider.GetRequiredService<IEmailSender>());
        Assert.Same(provider.GetRequiredService<DevCalendar>(), provider.GetRequiredService<ICalendar>());
        Assert.IsType<TableCycleJournal>(provider.GetRequiredService<ICycleJournal>());
        var sender = provider.GetRequiredService<IEmailSender>();
        var model = TemplateModels.Sample(EmailTemplates.Recognition);
        await sender.SendAsync(new EmailMessage(EmailTemplates.Recognition, new("priya@example.test", "Priya"), [], model), "k", CancellationToken.None);
        var record = await provider.GetRequiredService<DevOutbox>().ListAsync(CancellationToken.None).SingleAsync();
        Assert.Equal(DevAdapters.Start.UtcDateTime, record.At);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void AddReviewFlowDevAdapters_InvalidTablePrefix_ThrowsNamingTheSetting(string prefix)
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() =>
            services.AddReviewFlowDevAdapters(azurite.ConnectionString, o => o.TablePrefix = prefix));

        Assert.Contains("TablePrefix", error.Message, StringComparison.Ordinal);
    }
}
