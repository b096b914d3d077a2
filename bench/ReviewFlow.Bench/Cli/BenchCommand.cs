using System.CommandLine;
using System.CommandLine.Parsing;

using ReviewFlow.Bench.Running;

namespace ReviewFlow.Bench.Cli;

/// <summary>The command line: options, their defaults and validation, turned into <see cref="BenchSettings"/>.</summary>
internal static class BenchCommand
{
    /// <summary>Sequence default: enough instances that start-up noise is small next to the steady state.</summary>
    public const int DefaultSequenceOrchestrations = 1000;

    /// <summary>
    /// Fan-out default: 100 x 100 = 10,000 activities. With local activity dispatch 10 instances finish in about
    /// 0.3 s, too short for a stable figure; 100 take about a second there, and under a minute with every
    /// activity going through the work-item queue, which keeps runs short either way.
    /// </summary>
    public const int DefaultFanOutOrchestrations = 100;

    public static RootCommand Create()
    {
        var orchestrations = new Option<int?>("--orchestrations", "-n")
        {
            Description = $"Measured orchestration instances (default {DefaultSequenceOrchestrations} for sequence, {DefaultFanOutOrchestrations} for fanout).",
        };
        var mode = new Option<string>("--mode")
        {
            Description = "sequence: 3 activities one after another; fanout: --fanout activities at once, summed.",
            DefaultValueFactory = _ => "sequence",
        };
        mode.AcceptOnlyFromAmong("sequence", "fanout");
        var fanOut = new Option<int>("--fanout")
        {
            Description = "Activities per instance in fanout mode.",
            DefaultValueFactory = _ => 100,
        };
        var concurrency = new Option<int?>("--concurrency")
        {
            Description = "Worker MaxConcurrentOrchestrations and MaxConcurrentActivities (engine default when omitted).",
        };
        var controlQueues = new Option<int?>("--control-queues")
        {
            Description = "Number of control queues, 1-16 (engine default when omitted).",
        };
        var maxPollingMs = new Option<int?>("--max-polling-interval-ms")
        {
            Description = "Worker back-off cap for empty queues in ms (engine default when omitted).",
        };
        var warmup = new Option<int?>("--warmup")
        {
            Description = "Instances run before measuring, excluded from the figures (default 10 for sequence, 1 for fanout; 0 disables).",
        };
        var scheduleParallelism = new Option<int>("--schedule-parallelism")
        {
            Description = "Schedule calls in flight at once.",
            DefaultValueFactory = _ => 32,
        };
        var pollMs = new Option<int>("--poll-interval-ms")
        {
            Description = "How often the benchmark queries for finished instances (its own requests are counted apart from the engine's).",
            DefaultValueFactory = _ => 500,
        };
        var timeoutSeconds = new Option<int>("--timeout-seconds")
        {
            Description = "Fail the run if the measured instances have not all finished by then.",
            DefaultValueFactory = _ => 900,
        };

        var noBreakdown = new Option<bool>("--no-breakdown")
        {
            Description = "Do not record storage requests by kind (to check the recorder's own overhead; totals are still counted).",
        };

        RequireAtLeast(orchestrations, 1);
        RequireAtLeast(fanOut, 1);
        // Upper bounds are the engine's own option ranges, checked here so a typo is a usage error, not a stack trace.
        RequireAtLeast(concurrency, 1, 1000);
        RequireAtLeast(controlQueues, 1, 16);
        RequireAtLeast(maxPollingMs, 1);
        RequireAtLeast(warmup, 0);
        RequireAtLeast(scheduleParallelism, 1);
        RequireAtLeast(pollMs, 10);
        RequireAtLeast(timeoutSeconds, 1);

        var root = new RootCommand("Throughput benchmark of the ReviewFlow durable engine against a fresh, in-memory Azurite.")
        {
            orchestrations, mode, fanOut, concurrency, controlQueues, maxPollingMs, warmup, scheduleParallelism, pollMs, timeoutSeconds, noBreakdown,
        };
        root.Subcommands.Add(ScenarioCommand.Create());

        root.SetAction((parse, cancellationToken) =>
        {
            var benchMode = parse.GetValue(mode) == "fanout" ? BenchMode.FanOut : BenchMode.Sequence;
            var settings = new BenchSettings(
                benchMode,
                parse.GetValue(orchestrations) ?? (benchMode == BenchMode.FanOut ? DefaultFanOutOrchestrations : DefaultSequenceOrchestrations),
                parse.GetValue(fanOut),
                parse.GetValue(warmup) ?? (benchMode == BenchMode.FanOut ? 1 : 10),
                parse.GetValue(scheduleParallelism),
                parse.GetValue(concurrency),
                parse.GetValue(controlQueues),
                parse.GetValue(maxPollingMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                TimeSpan.FromMilliseconds(parse.GetValue(pollMs)),
                TimeSpan.FromSeconds(parse.GetValue(timeoutSeconds)),
                !parse.GetValue(noBreakdown));
            return BenchRunner.RunAndReportAsync(settings, cancellationToken);
        });

        return root;
    }

    private static void RequireAtLeast(Option<int> option, int minimum, int maximum = int.MaxValue)
        => option.Validators.Add(result => Check(result, result.GetValueOrDefault<int>(), minimum, maximum));

    private static void RequireAtLeast(Option<int?> option, int minimum, int maximum = int.MaxValue)
        => option.Validators.Add(result => Check(result, result.GetValueOrDefault<int?>(), minimum, maximum));

    private static void Check(OptionResult result, int? value, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            var range = maximum == int.MaxValue ? $"at least {minimum}" : $"between {minimum} and {maximum}";
            result.AddError($"{result.Option.Name} must be {range}; got {value}.");
        }
    }
}
