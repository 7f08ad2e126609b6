using System.Collections.Concurrent;

namespace TeamsMeetBot.Commands;

/// <summary>
/// Finds the sender's time zone from what a Teams activity carries, in this order: the clientInfo entity's
/// <c>timezone</c>, the activity's <c>localTimezone</c>, a fixed-offset zone built from <c>localTimestamp</c>'s offset
/// (which knows nothing about daylight saving, and says so), else UTC, marked as assumed. IANA and Windows ids are
/// both accepted; an id the system does not know falls through to the next source.
/// </summary>
public static class TimeZoneResolver
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> KnownZones = new(StringComparer.OrdinalIgnoreCase);

    public static ResolvedTimeZone Resolve(string? clientInfoTimezone, string? localTimezone, DateTimeOffset? localTimestamp)
    {
        if (TryFind(clientInfoTimezone, out var fromClientInfo))
        {
            return new ResolvedTimeZone(fromClientInfo, false, fromClientInfo.Id + " (from the Teams client)");
        }

        if (TryFind(localTimezone, out var fromActivity))
        {
            return new ResolvedTimeZone(fromActivity, false, fromActivity.Id + " (from the message)");
        }

        if (localTimestamp is { } stamp)
        {
            var offset = stamp.Offset;
            if (offset == TimeSpan.Zero)
            {
                return new ResolvedTimeZone(TimeZoneInfo.Utc, false, "UTC (from the message's local time; daylight saving unknown)");
            }

            var zone = ZonedTime.FixedOffset(offset);
            return new ResolvedTimeZone(zone, false, zone.Id + " (fixed offset from the message's local time; daylight saving unknown)");
        }

        return new ResolvedTimeZone(TimeZoneInfo.Utc, true, "UTC (assumed: Teams did not send a time zone)");
    }

    /// <summary>Looks an IANA or Windows zone id up, caching the answer (also "not found").</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        string key = id.Trim();
        if (KnownZones.TryGetValue(key, out var known))
        {
            zone = known;
            return true;
        }

        // Only zones found are remembered: the ids come from messages, and remembering every unknown one a sender
        // writes ("at 3pm foo/bar1", "foo/bar2", …) would let the cache grow without end.
        var found = FindSystemZone(key);
        if (found is null)
        {
            return false;
        }

        zone = KnownZones.GetOrAdd(key, found);
        return true;
    }

    private static TimeZoneInfo? FindSystemZone(string id)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>How many zones are remembered (for tests: unknown ids are not).</summary>
    internal static int RememberedZoneCount => KnownZones.Count;

    internal static string DisplayName(TimeZoneInfo zone) =>
        zone.Id.Length > 0 ? zone.Id : ZonedTime.FormatOffset(zone.BaseUtcOffset);
}
