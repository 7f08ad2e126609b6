using System.Globalization;

namespace TeamsMeetBot.Scheduling;

/// <summary>
/// How reminders are keyed so that a poller finds due ones without a cross-partition query
/// (<c>IBotStore</c> only reads one partition at a time):
/// <list type="bullet">
/// <item>Partition = <c>due-yyyyMMddHHmm</c>, the UTC minute the reminder falls due in (a "bucket").</item>
/// <item>Row = the meeting key (the createOrGet externalId), so a meeting has at most one reminder per bucket and
/// writing it again is idempotent.</item>
/// </list>
/// The poller reads the buckets from the last one it scanned (less a short re-scan window for clock skew between
/// instances) up to the current minute: one cheap partition read per minute elapsed. At start it looks back
/// <see cref="SchedulingOptions.ReminderCatchUp"/> so reminders that fell due while the bot was down are still sent.
/// </summary>
public static class ReminderKeys
{
    public const string BucketPrefix = "due-";
    public const int MaxAttempts = 5;

    public static string BucketFor(DateTimeOffset dueUtc) =>
        BucketPrefix + dueUtc.ToUniversalTime().ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>The start of the bucket's minute.</summary>
    public static DateTimeOffset Minute(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    /// <summary>Every bucket from <paramref name="fromUtc"/>'s minute to <paramref name="toUtc"/>'s minute, inclusive, oldest first.</summary>
    public static IEnumerable<DateTimeOffset> MinutesBetween(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        for (var minute = Minute(fromUtc); minute <= Minute(toUtc); minute = minute.AddMinutes(1))
        {
            yield return minute;
        }
    }
}
