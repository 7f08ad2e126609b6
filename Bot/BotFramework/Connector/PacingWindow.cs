namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// One configured limit (<see cref="PacingLimit"/>: at most <see cref="PermitLimit"/> writes in any
/// window) as <see cref="ConversationWritePacer"/> counts it. Time is cut into segments of
/// 1/<c>segments</c> of the window; per segment a conversation keeps how many writes started in it
/// and when the latest of them started (<see cref="Segment"/>). A segment's writes stop counting one
/// full window after that latest start, so every write counts for at least a window (the limit is
/// never exceeded) and for less than a window plus one segment (a burst that starts together is
/// counted exactly). A segment more than a window old can no longer count, so
/// <c>segments + 1</c> slots per conversation suffice, used round-robin.
/// </summary>
/// <remarks>
/// Instances are immutable and shared by all conversations; the slots live in each conversation's
/// array at <see cref="Offset"/>. Times are <see cref="TimeSpan"/> ticks on the pacer's clock and
/// never decrease for a conversation (they are read under its lock).
/// </remarks>
internal sealed class PacingWindow
{
    public PacingWindow(int permitLimit, TimeSpan window, int segments, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        PermitLimit = permitLimit;
        WindowTicks = window.Ticks;
        SegmentTicks = Math.Max(1, (window.Ticks + segments - 1) / segments);
        Slots = segments + 1;
        Offset = offset;
    }

    public int PermitLimit { get; }

    public long WindowTicks { get; }

    public long SegmentTicks { get; }

    /// <summary>How many <see cref="Segment"/> entries this window uses per conversation.</summary>
    public int Slots { get; }

    /// <summary>Where this window's slots start in a conversation's segment array.</summary>
    public int Offset { get; }

    /// <summary>Whether any write still counts against this window at <paramref name="now"/>.</summary>
    public bool HasCounts(ReadOnlySpan<Segment> slots, long now)
    {
        foreach (var slot in slots)
        {
            if (IsCounting(slot, now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// When one more write may start: <paramref name="now"/> if the window has room, otherwise the
    /// moment enough of the oldest segments stop counting.
    /// </summary>
    public long AvailableAt(ReadOnlySpan<Segment> slots, long now)
    {
        int counting = 0;
        foreach (var slot in slots)
        {
            if (IsCounting(slot, now))
            {
                counting += slot.Count;
            }
        }

        if (counting < PermitLimit)
        {
            return now;
        }

        // Oldest segment first; only the last Slots segments (up to the current one) can still count,
        // and each of them has its own slot.
        int mustExpire = counting - PermitLimit + 1;
        long current = now / SegmentTicks;
        for (long segment = Math.Max(0, current - Slots + 1); segment <= current; segment++)
        {
            var slot = slots[(int)(segment % Slots)];
            if (!IsCounting(slot, now))
            {
                continue;
            }

            mustExpire -= slot.Count;
            if (mustExpire <= 0)
            {
                return slot.LatestStart + WindowTicks;
            }
        }

        return now;
    }

    /// <summary>Counts a write that starts at <paramref name="now"/>.</summary>
    public void Record(Span<Segment> slots, long now)
    {
        ref var slot = ref slots[(int)(now / SegmentTicks % Slots)];
        if (!IsCounting(slot, now))
        {
            // The slot belonged to a segment at least a window old.
            slot.Count = 0;
        }

        slot.Count++;
        slot.LatestStart = now;
    }

    private bool IsCounting(in Segment slot, long now) => slot.Count > 0 && slot.LatestStart + WindowTicks > now;

    /// <summary>Writes that started in one segment of a window, for one conversation.</summary>
    internal struct Segment
    {
        public int Count;

        /// <summary>When the latest of them started.</summary>
        public long LatestStart;
    }
}
