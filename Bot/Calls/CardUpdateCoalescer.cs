using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

/// <summary>
/// Coalesces card refreshes per meeting card: at most one update every <see cref="CallingSetup.CardUpdateInterval"/>,
/// and a refresh requested while one is waiting or running only marks the card dirty, so a burst of notifications
/// becomes one update that renders the latest state (read from the store when the update runs: last state wins).
/// Per instance; the state is in the store, so whichever instance updates renders the latest. Updates run in the
/// background and never block the notification or turn that asked for them.
/// </summary>
public sealed class CardUpdateCoalescer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly MeetingStore _meetings;
    private readonly MeetingService _meetingService;
    private readonly CallingSetup _setup;
    private readonly TimeProvider _time;
    private readonly ILogger<CardUpdateCoalescer> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public CardUpdateCoalescer(MeetingStore meetings, MeetingService meetingService, CallingSetup setup, TimeProvider timeProvider, ILogger<CardUpdateCoalescer> logger)
    {
        _meetings = meetings;
        _meetingService = meetingService;
        _setup = setup;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Asks for the meeting's card to be re-rendered and updated soon.</summary>
    public void Request(string tenantId, string conversationId, string meetingKey)
    {
        string key = tenantId + "\n" + conversationId + "\n" + meetingKey;
        TimeSpan delay;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                PruneIdle();
                entry = new Entry(tenantId, conversationId, meetingKey);
                _entries[key] = entry;
            }

            if (entry.Scheduled || entry.Running)
            {
                entry.Dirty = true;
                return;
            }

            entry.Scheduled = true;
            delay = Until(entry);
        }

        _ = RunAfterAsync(key, delay);
    }

    /// <summary>Requests a refresh at <paramref name="when"/> (e.g. when a ring times out), then runs <paramref name="before"/> first.</summary>
    public void RequestAt(DateTimeOffset when, string tenantId, string conversationId, string meetingKey, Func<CancellationToken, Task> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        _ = Task.Run(async () =>
        {
            try
            {
                var wait = when - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, _stopping.Token);
                }

                await before(_stopping.Token);
                Request(tenantId, conversationId, meetingKey);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                CallsLog.CardRefreshFailed(_logger, meetingKey, ex);
            }
        });
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private TimeSpan Until(Entry entry)
    {
        if (entry.LastRun is not { } last)
        {
            return TimeSpan.Zero;
        }

        var wait = last + _setup.CardUpdateInterval - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private async Task RunAfterAsync(string key, TimeSpan delay)
    {
        var token = _stopping.Token;
        try
        {
            await Task.Yield();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, token);
            }

            while (true)
            {
                Entry entry;
                lock (_gate)
                {
                    entry = _entries[key];
                    entry.Scheduled = false;
                    entry.Running = true;
                    entry.Dirty = false;
                }

                try
                {
                    var meeting = await _meetings.GetAsync(entry.TenantId, entry.ConversationId, entry.MeetingKey, token);
                    if (meeting is not null)
                    {
                        await _meetingService.TryUpdateCardAsync(meeting.Value, token);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    CallsLog.CardRefreshFailed(_logger, entry.MeetingKey, ex);
                }

                TimeSpan next;
                lock (_gate)
                {
                    entry.Running = false;
                    entry.LastRun = _time.GetUtcNow();
                    if (!entry.Dirty)
                    {
                        return;
                    }

                    entry.Dirty = false;
                    entry.Scheduled = true;
                    next = Until(entry);
                }

                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, _time, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <summary>Drops entries that are idle and past their interval, so the map stays small.</summary>
    private void PruneIdle()
    {
        if (_entries.Count < 256)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var (key, entry) in _entries.ToList())
        {
            if (!entry.Scheduled && !entry.Running && (entry.LastRun is null || entry.LastRun + _setup.CardUpdateInterval <= now))
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry(string tenantId, string conversationId, string meetingKey)
    {
        public string TenantId { get; } = tenantId;
        public string ConversationId { get; } = conversationId;
        public string MeetingKey { get; } = meetingKey;
        public DateTimeOffset? LastRun { get; set; }
        public bool Scheduled { get; set; }
        public bool Running { get; set; }
        public bool Dirty { get; set; }
    }
}
