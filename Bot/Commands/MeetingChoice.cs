namespace TeamsMeetBot.Commands;

/// <summary>
/// Which of the sender's meetings a "cancel" or "reschedule" means, as the message named it: by its start ("tomorrow's
/// meeting", "the 3pm meeting"), by words of its subject ("the budget meeting", "the failover call"), by who is invited
/// ("my meeting with @Alice"), as the latest made ("the one I just made") or the next to start ("my next meeting"); any
/// of these together, or none (<see cref="SaysWhich"/> false).
/// </summary>
public sealed record MeetingChoice
{
    /// <summary>Nothing named: the sender's only meeting still to come.</summary>
    public static readonly MeetingChoice Unnamed = new();

    /// <summary>The day named, in <see cref="Zone"/>; null when none was.</summary>
    public DateOnly? OnDay { get; init; }

    /// <summary>The start times that may be meant, in <see cref="Zone"/>: "the 3pm meeting" is 15:00, "the 3 o'clock" 03:00 or 15:00.</summary>
    public IReadOnlyList<TimeOnly> AtTimes { get; init; } = [];

    /// <summary>The zone the day and time were read in (the sender's, or one written after the time).</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>"this afternoon's meeting": the meeting starts at or after From and before Before, in <see cref="Zone"/>.</summary>
    public (TimeOnly From, TimeOnly Before)? Window { get; init; }

    /// <summary>
    /// Words as written that the meeting's subject, or an invitee's name, has each of: "budget" and "review" in "cancel the
    /// budget review"; "alice" in "cancel my meeting with alice".
    /// </summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>People and tags mentioned ("my meeting with @Alice", "the call with @oncall-db") who are each invited to the meeting meant.</summary>
    public IReadOnlyList<MentionInput> With { get; init; } = [];

    /// <summary>"the last meeting", "the one I just made": of those that fit, the one made last.</summary>
    public bool Latest { get; init; }

    /// <summary>"my next meeting", "the upcoming call": of those that fit, the next to start.</summary>
    public bool Next { get; init; }

    /// <summary>Whether the message named a start (a day or a time).</summary>
    public bool NamesStart => OnDay is not null || AtTimes.Count > 0 || Window is not null;

    /// <summary>Whether the message said which meeting, in any of the ways above.</summary>
    public bool SaysWhich => NamesStart || Words.Count > 0 || With.Count > 0 || Latest || Next;

    /// <summary>
    /// Whether a meeting starting at <paramref name="startUtc"/> is one the message could mean (true when it named no
    /// start). A window whose Before is midnight runs to the end of the day.
    /// </summary>
    public bool Matches(DateTimeOffset startUtc)
    {
        var local = ZonedTime.ToLocal(startUtc, Zone);
        var time = TimeOnly.FromDateTime(local);
        return (OnDay is not { } day || DateOnly.FromDateTime(local) == day)
            && (AtTimes.Count == 0 || AtTimes.Any(t => t.Hour == time.Hour && t.Minute == time.Minute))
            && (Window is not { } window || (time >= window.From && (window.Before == TimeOnly.MinValue || time < window.Before)));
    }

    /// <summary>
    /// What the message named, for "None of your meetings here {…}" (one) or "You have 2 meetings here that {…}" (several):
    /// "starts then and matches “budget”", "have Alice Anders invited".
    /// </summary>
    public string Describe(bool several)
    {
        // "starts on Fri 27 Nov at 15:00", "start between 12:00 and 17:00", "has Alice Anders invited".
        var parts = new List<string>(4);
        if (NamesStart)
        {
            parts.Add((several ? "start" : "starts") + DescribeStart());
        }

        if (Words.Count > 0)
        {
            parts.Add((several ? "match “" : "matches “") + string.Join(' ', Words) + "”");
        }

        if (With.Count > 0)
        {
            parts.Add((several ? "have " : "has ") + string.Join(" and ", With.Select(p => p.Name)) + " invited");
        }

        if (parts.Count == 0 && Next)
        {
            parts.Add(several ? "are still to come" : "is still to come");
        }

        return string.Join(" and ", parts);
    }

    /// <summary>" on Fri 27 Nov at 15:00", " at 03:00 or 15:00", " between 12:00 and 17:00" (" after 17:00" for a window to midnight).</summary>
    private string DescribeStart()
    {
        var text = new System.Text.StringBuilder();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (OnDay is { } day)
        {
            text.Append(" on ").Append(day.ToString("ddd d MMM", invariant));
        }

        if (AtTimes.Count > 0)
        {
            text.Append(" at ").Append(string.Join(" or ", AtTimes.Select(t => t.ToString("HH:mm", invariant))));
        }
        else if (Window is { } window)
        {
            text.Append(window.Before == TimeOnly.MinValue
                ? " after " + window.From.ToString("HH:mm", invariant)
                : " between " + window.From.ToString("HH:mm", invariant) + " and " + window.Before.ToString("HH:mm", invariant));
        }

        return text.ToString();
    }
}
