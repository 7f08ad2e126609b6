using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Every request the simulated Graph received, in arrival order, including rejected ones. Thread-safe.
/// Bounded to <see cref="Capacity"/> entries (oldest dropped) so a long local run cannot grow it forever.
/// Bodies are kept as JSON text and parsed when read: thousands of node trees kept alive would make every
/// garbage collection of the simulator trace them.
/// </summary>
public sealed class LocalGraphRecorder
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<Entry> _requests = new();

    /// <param name="bodyJson">The body as JSON text; null when there was none or it was not JSON.</param>
    public void Record(string method, string path, string query, string? bodyJson)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        var entry = new Entry(method, path, query, bodyJson);
        lock (_gate)
        {
            if (_requests.Count >= Capacity)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(entry);
        }
    }

    /// <summary>A copy of the log, oldest first; each body a new tree, the caller's own.</summary>
    public IReadOnlyList<RecordedGraphRequest> Snapshot()
    {
        Entry[] entries;
        lock (_gate)
        {
            entries = [.. _requests];
        }

        return [.. entries.Select(e => new RecordedGraphRequest(e.Method, e.Path, e.Query, Parse(e.BodyJson)))];
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    private static JsonNode? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var body = JsonNode.Parse(json);
        JsonNodeMaterializer.Materialize(body);
        return body;
    }

    private sealed record Entry(string Method, string Path, string Query, string? BodyJson);
}
