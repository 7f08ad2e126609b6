using System.Globalization;

namespace TeamsMeetBot.Commands;

/// <summary>
/// Wall-clock time in a zone to UTC and back, with deliberate daylight-saving rules:
/// <list type="bullet">
/// <item>A local time inside a spring-forward gap is read with the offset in force before the gap, which moves it
/// forward by the gap's length (02:30 on 2026-03-08 in America/Los_Angeles becomes 03:30 PDT; on Lord Howe Island,
/// whose gap is 30 minutes, 02:15 becomes 02:45).</item>
/// <item>A local time that occurs twice (fall-back) takes the earlier instant, i.e. the daylight (larger) offset.</item>
/// </list>
/// </summary>
internal static class ZonedTime
{
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset before the gap: a few hours earlier is safely outside any real-world gap.
            offset = zone.GetUtcOffset(local.AddHours(-6));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = TimeSpan.MinValue;
            foreach (var candidate in zone.GetAmbiguousTimeOffsets(local))
            {
                if (candidate > offset)
                {
                    offset = candidate;
                }
            }
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>A zone at a fixed offset from UTC, named like "UTC+05:30" (UTC itself for a zero offset).</summary>
    public static TimeZoneInfo FixedOffset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return TimeZoneInfo.Utc;
        }

        string name = FormatOffset(offset);
        return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
    }

    public static string FormatOffset(TimeSpan offset)
    {
        char sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours:00}:{abs.Minutes:00}");
    }

    /// <summary>"Fri 27 Nov 15:00–15:45 (America/Los_Angeles)"; the year is shown when it is not the current one.</summary>
    public static string Describe(DateTimeOffset startUtc, DateTimeOffset endUtc, TimeZoneInfo zone, bool assumed, DateTimeOffset now)
    {
        var start = ToLocal(startUtc, zone);
        var end = ToLocal(endUtc, zone);
        var today = ToLocal(now, zone);
        string dayFormat = start.Year == today.Year ? "ddd d MMM" : "ddd d MMM yyyy";
        string text = start.ToString(dayFormat, CultureInfo.InvariantCulture) + " " + start.ToString("HH:mm", CultureInfo.InvariantCulture) + "–";
        text += end.Date == start.Date
            ? end.ToString("HH:mm", CultureInfo.InvariantCulture)
            : end.ToString(end.Year == today.Year ? "ddd d MMM" : "ddd d MMM yyyy", CultureInfo.InvariantCulture) + " " + end.ToString("HH:mm", CultureInfo.InvariantCulture);
        return text + " (" + ZoneLabel(zone, assumed) + ")";
    }

    /// <summary>"now for 30 min (UTC, assumed)".</summary>
    public static string DescribeNow(TimeSpan duration, TimeZoneInfo zone, bool assumed) =>
        "now for " + FormatDuration(duration) + " (" + ZoneLabel(zone, assumed) + ")";

    public static string ZoneLabel(TimeZoneInfo zone, bool assumed) =>
        assumed ? TimeZoneResolver.DisplayName(zone) + ", assumed" : TimeZoneResolver.DisplayName(zone);

    /// <summary>"45 min", "1 h", "1 h 30 min".</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        int hours = (int)duration.TotalHours;
        int minutes = duration.Minutes;
        if (hours == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min");
        }

        return minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{hours} h {minutes} min");
    }
}
