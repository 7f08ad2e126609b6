namespace TeamsMeetBot.Scheduling;

/// <summary>Start reminders and the scheduling card (configuration section <c>Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Post "Starting now" this long before a scheduled meeting starts (default 1 minute; zero posts at the start).</summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the reminder poller looks for due reminders (default 5 seconds).</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an instance owns a reminder it claimed; a crashed sender's claim expires after this and another instance sends it.</summary>
    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At start, how far back the poller looks for reminders that fell due while no instance was running (default 1 hour).</summary>
    public TimeSpan ReminderCatchUp { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Each poll also re-reads this many minutes of already scanned buckets, so a reminder written by an instance whose
    /// clock lags a little behind is still found (default 2 minutes).
    /// </summary>
    public TimeSpan ReminderRescan { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>False turns the poller off (reminders are still stored, and any instance with it on sends them).</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>Reasons the settings are unusable, for a clear startup error.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ReminderLeadTime < TimeSpan.Zero || ReminderLeadTime > TimeSpan.FromHours(24))
        {
            problems.Add($"Scheduling:ReminderLeadTime '{ReminderLeadTime}' must be between 00:00:00 and 1.00:00:00.");
        }

        if (ReminderPollInterval < TimeSpan.FromMilliseconds(100) || ReminderPollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Scheduling:ReminderPollInterval '{ReminderPollInterval}' must be between 00:00:00.1 and 00:01:00.");
        }

        if (ReminderLease < TimeSpan.FromSeconds(10))
        {
            problems.Add($"Scheduling:ReminderLease '{ReminderLease}' must be at least 00:00:10 (longer than sending one message takes).");
        }

        if (ReminderCatchUp < TimeSpan.Zero || ReminderCatchUp > TimeSpan.FromDays(2))
        {
            problems.Add($"Scheduling:ReminderCatchUp '{ReminderCatchUp}' must be between 00:00:00 and 2.00:00:00.");
        }

        if (ReminderRescan < TimeSpan.Zero || ReminderRescan > TimeSpan.FromHours(1))
        {
            problems.Add($"Scheduling:ReminderRescan '{ReminderRescan}' must be between 00:00:00 and 01:00:00.");
        }

        return problems;
    }
}
