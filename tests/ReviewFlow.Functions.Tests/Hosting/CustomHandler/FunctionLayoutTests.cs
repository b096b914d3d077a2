using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Hosting.CustomHandler;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.CustomHandler;

/// <summary>
/// host.json, the function folders, local.settings.sample.json and docs/hosting.md against each other and against the
/// handler and the engine: a function the handler lacks, a queue the engine does not use, or a setting nobody lists
/// would only show on Azure, where the host cannot be run from here.
/// </summary>
public sealed partial class FunctionLayoutTests
{
    private static readonly string FunctionsRoot = RepositoryPaths.Under("functions");

    private static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static JsonObject HostJson => Read(RepositoryPaths.Under("host.json"));

    private static JsonObject SampleValues => Read(RepositoryPaths.Under("local.settings.sample.json"))["Values"]!.AsObject();

    private static IReadOnlyDictionary<string, JsonObject> FunctionJsons =>
        Directory.GetDirectories(FunctionsRoot)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .ToDictionary(d => Path.GetFileName(d), d => Read(Path.Combine(d, "function.json")), StringComparer.Ordinal);

    private static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>Replaces %Setting% with the sample's value, as the host resolves app settings.</summary>
    private static string Resolve(string value) =>
        SettingReference().Replace(value, m => SampleValues[m.Groups[1].Value]?.GetValue<string>() ?? throw new InvalidOperationException($"{m.Value} is not in the sample."));

    [Fact]
    public void FunctionFolders_AreExactlyTheHandlersFunctionsAndTheHttpOne()
    {
        var folders = FunctionJsons.Keys.Order(StringComparer.Ordinal).ToArray();
        var handled = HandlerFunctions.All.Select(f => f.Name).Append(HandlerFunctions.Http).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(handled, folders);
    }

    [Fact]
    public void QueueFunctions_TriggerOnTheEnginesQueuesForTheSampleTaskHub()
    {
        var hub = SampleValues["ReviewFlow__TaskHub"]!.GetValue<string>();
        var engineQueues = Enumerable.Range(0, new DurableStorageOptions().ControlQueueCount)
            .Select(p => TaskHubQueueNames.ControlQueue(hub, p))
            .Append(TaskHubQueueNames.WorkItems(hub))
            .ToHashSet(StringComparer.Ordinal);
        var triggered = new HashSet<string>(StringComparer.Ordinal);

        foreach (var function in HandlerFunctions.All.Where(f => f.IsQueue))
        {
            var trigger = Trigger(FunctionJsons[function.Name]);
            Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
            Assert.Equal(function.TriggerBinding, trigger["name"]!.GetValue<string>());
            var queue = Resolve(trigger["queueName"]!.GetValue<string>());
            var expected = function.Kind == HandlerFunctionKind.WorkItems ? TaskHubQueueNames.WorkItems(hub) : TaskHubQueueNames.ControlQueue(hub, function.Partition);
            Assert.Equal(expected, queue);
            Assert.Contains(queue, engineQueues);
            triggered.Add(queue);
        }

        // Every queue the engine needs served has a function on it.
        Assert.Equal(engineQueues.Order(), triggered.Order());
    }

    [Fact]
    public void Connections_AreSettingsOfTheSample()
    {
        foreach (var (name, function) in FunctionJsons)
        {
            foreach (var binding in function["bindings"]!.AsArray().Select(b => b!.AsObject()).Where(b => b.ContainsKey("connection")))
            {
                var connection = binding["connection"]!.GetValue<string>();
                Assert.True(SampleValues.ContainsKey(connection), $"{name}: connection {connection} is not in local.settings.sample.json.");
                Assert.Equal(StorageAccess.HostStorageSetting, connection);
            }
        }
    }

    [Fact]
    public void TimerFunctions_UseTheirBindingNameAndScheduleSettingsFromTheSample()
    {
        foreach (var function in HandlerFunctions.All.Where(f => !f.IsQueue))
        {
            var trigger = Trigger(FunctionJsons[function.Name]);
            Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
            Assert.Equal(function.TriggerBinding, trigger["name"]!.GetValue<string>());
            var schedule = Resolve(trigger["schedule"]!.GetValue<string>());
            Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length); // NCRONTAB with seconds
        }
    }

    [Fact]
    public void EverySettingReference_InFunctionJson_IsInTheSample()
    {
        var references = FunctionJsons.Values.SelectMany(f => SettingReference().Matches(f.ToJsonString()).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(SampleValues.ContainsKey(r), $"%{r}% is used in a function.json but not in local.settings.sample.json."));
    }

    [Fact]
    public void HttpFunction_IsACatchAllForwardedAsIs()
    {
        var http = FunctionJsons[HandlerFunctions.Http];
        var trigger = Trigger(http);

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("{*path}", trigger["route"]!.GetValue<string>());
        Assert.Equal("anonymous", trigger["authLevel"]!.GetValue<string>());
        Assert.True(HostJson["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("", HostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_DeclaresTheCustomHandlerAndTheBundle()
    {
        var host = HostJson;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("reviewflow", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal(["serve"], host["customHandler"]!["description"]!["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());
        Assert.Equal("[4.*, 5.0.0)", host["extensionBundle"]!["version"]!.GetValue<string>());
        Assert.NotNull(host["logging"]!["logLevel"]!["default"]);
    }

    [Fact]
    public void HostJsonQueues_AreConsistentWithTheEnginesWorkerOptions()
    {
        var engine = new DurableWorkerOptions();
        var queues = HostJson["extensions"]!["queues"]!;

        // The engine writes plain text; base64 (the default) would make every message unreadable.
        Assert.Equal("none", queues["messageEncoding"]!.GetValue<string>());
        // The engine dead-letters (and fails the instance) before the host parks a message in its own poison queue.
        Assert.Equal((2 * engine.MaxDequeueCount) + 1, queues["maxDequeueCount"]!.GetValue<int>());
        Assert.Equal(engine.RetryBackoff, TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(engine.MaxPollingInterval, TimeSpan.Parse(queues["maxPollingInterval"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var batch = queues["batchSize"]!.GetValue<int>();
        Assert.InRange(batch, 1, 32);
        Assert.True(batch + queues["newBatchThreshold"]!.GetValue<int>() <= engine.MaxConcurrentOrchestrations);
    }

    [Fact]
    public void Sample_IsACustomHandlerAppAndLeavesThePortToTheHost()
    {
        Assert.Equal("custom", SampleValues["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
        Assert.False(SampleValues.ContainsKey(CustomHandlerMode.PortVariable));
        Assert.Equal("UseDevelopmentStorage=true", SampleValues[StorageAccess.HostStorageSetting]!.GetValue<string>());
    }

    [Fact]
    public void SettingsTable_InDocsHosting_ListsExactlyTheSamplesSettings()
    {
        var doc = File.ReadAllLines(RepositoryPaths.Under("docs", "hosting.md"));
        var start = Array.FindIndex(doc, l => l.Trim() == "## Settings");
        Assert.True(start >= 0, "docs/hosting.md has no '## Settings' section.");
        var documented = doc.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => TableRowSetting().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(SampleValues.Select(v => v.Key).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();

    [GeneratedRegex(@"^\|\s*`([A-Za-z0-9_]+)`\s*\|")]
    private static partial Regex TableRowSetting();
}
