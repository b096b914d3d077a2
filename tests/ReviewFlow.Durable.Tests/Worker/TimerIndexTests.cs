using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>The in-memory timer index answers in due order, whatever order timers were added in.</summary>
public sealed class TimerIndexTests
{
    private static readonly DateTime Monday = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);

    private static DueTimer Timer(DateTime fireAt, string key)
        => new(TimerStore.RowKeyFor(fireAt, key), new ControlMessage("inst-" + key, "exec", new TimerFired(1, fireAt)));

    [Fact]
    public void Due_AddedOutOfOrder_ReturnsOnlyThoseDueOldestFirstUpToMax()
    {
        var index = new TimerIndex();
        index.Add(Timer(Monday.AddDays(3), "c"));
        index.Add(Timer(Monday, "a"));
        index.Add(Timer(Monday.AddDays(1), "b"));
        index.Add(Timer(Monday.AddDays(1), "b2"));

        Assert.Equal(["inst-a", "inst-b", "inst-b2"], index.Due(Monday.AddDays(1).Ticks, 10).Select(t => t.Message.InstanceId));
        Assert.Equal(["inst-a", "inst-b"], index.Due(Monday.AddDays(2).Ticks, 2).Select(t => t.Message.InstanceId));
        Assert.Empty(index.Due(Monday.Ticks - 1, 10));
    }

    [Fact]
    public void NextDue_FollowsRemovals_AndIsNullWhenEmpty()
    {
        var index = new TimerIndex();
        var first = Timer(Monday, "a");
        index.Add(Timer(Monday.AddHours(5), "b"));
        index.Add(first);

        Assert.Equal(Monday, index.NextDue());
        index.Remove(first.RowKey);
        Assert.Equal(Monday.AddHours(5), index.NextDue());
        index.Remove(TimerStore.RowKeyFor(Monday.AddHours(5), "b"));
        Assert.Null(index.NextDue());
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Add_SameRowTwice_KeepsOne()
    {
        var index = new TimerIndex();
        index.Add(Timer(Monday, "a"));
        index.Add(Timer(Monday, "a"));

        Assert.Single(index.Due(Monday.Ticks, 10));
    }
}
