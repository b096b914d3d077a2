namespace ReviewFlow.Bench.Measurement;

/// <summary>
/// Names a storage HTTP request by what it does to which resource, e.g. "queue send control" or
/// "table $batch", from the service port, the method and the URL path (Azurite URLs are path-style:
/// /account/resource/...). Hub prefixes and ids are dropped so requests group by kind.
/// </summary>
internal sealed class RequestKind(string taskHub, int tablePort, int queuePort, int blobPort)
{
    public string Classify(string method, int port, string path)
    {
        // Segments after the account name.
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Uri.UnescapeDataString).ToArray();
        if (port == tablePort)
        {
            return "table " + Table(method, segments);
        }

        if (port == queuePort)
        {
            return "queue " + Queue(method, segments);
        }

        return port == blobPort ? "blob " + Blob(method, segments) : $"other {method} {path}";
    }

    private string Table(string method, string[] segments)
    {
        if (segments.Length == 0)
        {
            return method + " (service)";
        }

        var resource = segments[0];
        if (resource == "$batch")
        {
            return "$batch (History commit)";
        }

        if (resource.StartsWith("Tables", StringComparison.Ordinal))
        {
            return method + " Tables (create/delete table)";
        }

        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var table = StripHub(paren < 0 ? resource : resource[..paren]);
        var isPointAddress = paren >= 0 && resource.Length > paren + 2; // "T(PartitionKey='..',RowKey='..')" vs "T()"
        return (method, isPointAddress) switch
        {
            ("GET", true) => $"get entity {table}",
            ("GET", false) => $"query {table}",
            ("POST", _) => $"insert {table}",
            ("PUT", _) => $"upsert/replace {table}",
            ("MERGE" or "PATCH", _) => $"merge {table}",
            ("DELETE", _) => $"delete entity {table}",
            _ => $"{method} {table}",
        };
    }

    private string Queue(string method, string[] segments)
    {
        if (segments.Length == 0)
        {
            return method + " (service)";
        }

        var queue = QueueRole(segments[0]);
        var onMessages = segments.Length >= 2 && segments[1] == "messages";
        var onOneMessage = segments.Length >= 3;
        return (method, onMessages, onOneMessage) switch
        {
            ("GET", true, _) => $"receive {queue}",
            ("POST", true, _) => $"send {queue}",
            ("DELETE", true, true) => $"delete message {queue}",
            ("PUT", true, true) => $"update message {queue}",
            ("PUT", false, _) => $"create queue {queue}",
            ("GET", false, _) => $"get properties {queue}",
            _ => $"{method} {queue}" + (onMessages ? "/messages" : string.Empty),
        };
    }

    private string Blob(string method, string[] segments)
        => segments.Length switch
        {
            0 => method + " (service)",
            1 => $"{method} container",
            _ => method switch
            {
                "PUT" => "upload payload",
                "GET" => "download payload",
                "DELETE" => "delete payload",
                _ => $"{method} payload",
            },
        };

    private string QueueRole(string queue)
    {
        var name = StripHub(queue).TrimStart('-');
        // Control queues are numbered; one line for all of them is what matters per orchestration.
        return name.StartsWith("control-", StringComparison.Ordinal) ? "control" : name;
    }

    private string StripHub(string name)
        => name.StartsWith(taskHub, StringComparison.OrdinalIgnoreCase) ? name[taskHub.Length..] : name;
}
