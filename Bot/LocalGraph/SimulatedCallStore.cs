using System.Collections.Concurrent;

namespace TeamsMeetBot.LocalGraph;

/// <summary>The simulated Graph's calls, by id (in memory, like the simulated meetings).</summary>
public sealed class SimulatedCallStore
{
    private readonly ConcurrentDictionary<string, SimulatedCall> _calls = new(StringComparer.OrdinalIgnoreCase);

    public void Add(SimulatedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _calls[call.Id] = call;
    }

    public SimulatedCall? Get(string callId) => _calls.TryGetValue(callId, out var call) ? call : null;

    public IReadOnlyList<SimulatedCall> All() => [.. _calls.Values];
}
