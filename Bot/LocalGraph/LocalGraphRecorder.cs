namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Every request the simulated Graph received, in arrival order, including rejected ones. Thread-safe.
/// Bounded to <see cref="Capacity"/> entries (oldest dropped) so a long local run cannot grow it forever.
/// </summary>
public sealed class LocalGraphRecorder
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<RecordedGraphRequest> _requests = new();

    public void Record(RecordedGraphRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_requests.Count >= Capacity)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(request);
        }
    }

    /// <summary>A copy of the log, oldest first.</summary>
    public IReadOnlyList<RecordedGraphRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
