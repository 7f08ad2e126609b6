using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// The simulated Graph's current behaviour: starts from configuration section <c>LocalGraph</c>, follows
/// configuration reloads, and can be replaced at runtime (tests, <c>POST /_local/graph/_behavior</c>).
/// Each change restarts the throttle budget.
/// </summary>
public sealed class LocalGraphBehavior : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IDisposable? _reloadSubscription;
    private readonly string? _botAppId;
    private LocalGraphOptions _current;
    private int _throttledSoFar;

    public LocalGraphBehavior(IOptionsMonitor<LocalGraphOptions> options, BotRuntime? runtime = null)
    {
        _botAppId = runtime?.AppId;
        _current = options.CurrentValue.Clone();
        _reloadSubscription = options.OnChange(Apply);
    }

    /// <summary>A snapshot of the behaviour in force.</summary>
    public LocalGraphOptions Current
    {
        get
        {
            lock (_gate)
            {
                return _current.Clone();
            }
        }
    }

    /// <summary>Whether request bodies are validated against the Graph schema (<see cref="LocalGraphOptions.ValidateRequestBodies"/>).</summary>
    public bool ValidatesRequestBodies
    {
        get
        {
            lock (_gate)
            {
                return _current.ValidateRequestBodies;
            }
        }
    }

    /// <summary>Whether requests go to the request log (<see cref="LocalGraphOptions.RecordRequests"/>).</summary>
    public bool RecordsRequests
    {
        get
        {
            lock (_gate)
            {
                return _current.RecordRequests;
            }
        }
    }

    /// <summary>App id named in the 403 body.</summary>
    public string AppId
    {
        get
        {
            lock (_gate)
            {
                return _current.AppId is { Length: > 0 } configured ? configured : _botAppId ?? LocalGraphOptions.DefaultAppId;
            }
        }
    }

    /// <summary>Replaces the behaviour (a copy is kept) and restarts the throttle budget.</summary>
    public void Apply(LocalGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        lock (_gate)
        {
            _current = copy;
            _throttledSoFar = 0;
        }
    }

    /// <summary>
    /// Decides, atomically, whether this request is throttled. In <see cref="LocalGraphMode.Throttle"/> the
    /// first <see cref="LocalGraphOptions.ThrottleCount"/> requests after a change are (all of them when ≤ 0).
    /// </summary>
    public bool TryTakeThrottle(out int retryAfterSeconds)
    {
        lock (_gate)
        {
            retryAfterSeconds = Math.Max(0, _current.ThrottleRetryAfterSeconds);
            if (_current.Mode != LocalGraphMode.Throttle)
            {
                return false;
            }

            if (_current.ThrottleCount > 0 && _throttledSoFar >= _current.ThrottleCount)
            {
                return false;
            }

            _throttledSoFar++;
            return true;
        }
    }

    public void Dispose() => _reloadSubscription?.Dispose();
}
