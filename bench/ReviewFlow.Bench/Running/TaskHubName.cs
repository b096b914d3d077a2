using System.Security.Cryptography;

namespace ReviewFlow.Bench.Running;

/// <summary>A new task hub name per run, valid for tables, queues and containers alike.</summary>
internal static class TaskHubName
{
    public static string New() => "bench" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
}
