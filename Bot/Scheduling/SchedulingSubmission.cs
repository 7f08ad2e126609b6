using System.Globalization;
using System.Text;
using System.Text.Json;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Scheduling;

/// <summary>
/// Reads a submitted scheduling card. Everything in it is sender-controlled, so every field is checked for type,
/// format and size; the people are only candidates (the meeting service resolves them through the Connector, as
/// for a typed command). <see cref="Form"/> is what can be shown again; <see cref="Problems"/> says what is wrong.
/// </summary>
public sealed record SchedulingSubmission(SchedulingForm Form, TimeZoneInfo Zone, IReadOnlyList<string> Problems, bool Damaged)
{
    public const int MaxPeople = 50;
    public const int MaxIdLength = 256;
    public const int MaxNameLength = 256;
    public const int MaxZoneIdLength = 64;

    public bool IsComplete => Problems.Count == 0 && Form.Date is not null && Form.Time is not null;

    /// <param name="data">The action data with the input values merged in.</param>
    /// <param name="fallbackZone">The sender's zone from the activity, used when the card's zone id is missing or unknown.</param>
    /// <param name="fallbackZoneAssumed">Whether <paramref name="fallbackZone"/> is the UTC assumption.</param>
    /// <param name="defaultDurationMinutes">The length when none was chosen.</param>
    /// <param name="today">Today in the resolved zone is computed from this instant.</param>
    public static SchedulingSubmission Read(JsonElement data, TimeZoneInfo fallbackZone, bool fallbackZoneAssumed, int defaultDurationMinutes, DateTimeOffset today)
    {
        var problems = new List<string>();
        bool damaged = data.ValueKind != JsonValueKind.Object;

        var zone = fallbackZone;
        bool assumed = fallbackZoneAssumed;
        string? zoneId = String(data, SchedulingCard.TimeZoneData);
        if (zoneId is { Length: > 0 and <= MaxZoneIdLength } && TryZone(zoneId, out var cardZone))
        {
            zone = cardZone;
            assumed = Bool(data, SchedulingCard.TimeZoneAssumedData) ?? false;
        }
        else if (zoneId is not null)
        {
            damaged = true;
        }

        DateOnly? date = null;
        string? dateText = String(data, SchedulingCard.DateInput);
        if (string.IsNullOrWhiteSpace(dateText))
        {
            problems.Add("pick a date");
        }
        else if (DateOnly.TryParseExact(dateText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
        }
        else
        {
            problems.Add("the date isn't one I can read (expected a date like 2026-12-03)");
        }

        TimeOnly? time = null;
        string? timeText = String(data, SchedulingCard.TimeInput);
        if (string.IsNullOrWhiteSpace(timeText))
        {
            problems.Add("pick a start time");
        }
        else if (TimeOnly.TryParseExact(timeText.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            time = t;
        }
        else
        {
            problems.Add("the start time isn't one I can read (expected a time like 14:30)");
        }

        int duration = defaultDurationMinutes;
        string? durationText = String(data, SchedulingCard.DurationInput);
        if (!string.IsNullOrWhiteSpace(durationText))
        {
            string trimmed = durationText.Trim();
            if (trimmed.Length <= 4 && trimmed.All(char.IsAsciiDigit) && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
                && minutes >= (int)TimeResolution.MinimumLength.TotalMinutes && minutes <= (int)TimeResolution.MaximumLength.TotalMinutes)
            {
                duration = minutes;
            }
            else
            {
                problems.Add("a meeting must last between 1 minute and 24 hours");
            }
        }

        string? subject = Clean(String(data, SchedulingCard.SubjectInput));
        if (subject is { Length: > SchedulingCard.MaxSubjectLength })
        {
            problems.Add($"the subject is longer than {SchedulingCard.MaxSubjectLength} characters");
            subject = subject[..SchedulingCard.MaxSubjectLength];
        }

        var people = ReadPeople(data, SchedulingCard.PeopleData, ref damaged);
        var excluded = ReadPeople(data, SchedulingCard.ExcludedData, ref damaged);
        bool everyone = Bool(data, SchedulingCard.EveryoneData) ?? false;
        string? location = Clean(String(data, SchedulingCard.LocationData));
        if (location is { Length: > SchedulingCard.MaxLocationLength })
        {
            damaged = true;
            location = null;
        }

        string? requester = String(data, SchedulingCard.RequesterData);
        if (requester is { Length: > MaxIdLength })
        {
            damaged = true;
            requester = null;
        }

        var form = new SchedulingForm
        {
            Date = date,
            Time = time,
            DurationMinutes = duration,
            Subject = subject,
            People = people,
            InviteEveryone = everyone,
            Excluded = excluded,
            Location = location,
            TimeZoneId = TimeZoneResolver.DisplayName(zone),
            TimeZoneAssumed = assumed,
            RequesterAadObjectId = requester,
            Today = DateOnly.FromDateTime(ZonedTime.ToLocal(today, zone)),
        };
        return new SchedulingSubmission(form, zone, problems, damaged);
    }

    /// <summary>An IANA or Windows id, "UTC", or the fixed-offset form "UTC+05:30" the bot uses when only an offset was known.</summary>
    public static bool TryZone(string id, out TimeZoneInfo zone)
    {
        if (TimeZoneResolver.TryFind(id, out zone))
        {
            return true;
        }

        if (id.Length == 9 && id.StartsWith("UTC", StringComparison.Ordinal) && (id[3] == '+' || id[3] == '-')
            && TimeSpan.TryParseExact(id[4..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset) && offset <= TimeSpan.FromHours(14))
        {
            var signed = id[3] == '-' ? -offset : offset;
            zone = TimeZoneInfo.CreateCustomTimeZone(id, signed, id, id);
            return true;
        }

        zone = TimeZoneInfo.Utc;
        return false;
    }

    /// <summary>People in the card's data: a mention (an id and a name), or a name typed as text (an empty id), which is looked up or matched by name.</summary>
    private static List<MentionTarget> ReadPeople(JsonElement data, string property, ref bool damaged)
    {
        var people = new List<MentionTarget>();
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return people;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > MaxPeople)
        {
            damaged = true;
            return people;
        }

        foreach (var entry in array.EnumerateArray())
        {
            string? id = String(entry, "id");
            string? name = String(entry, "name");
            bool idMissing = id is { Length: 0 } && !string.IsNullOrWhiteSpace(name);
            if (!idMissing && (id is not { Length: > 0 and <= MaxIdLength } || id.Any(char.IsControl) || id.Any(char.IsWhiteSpace)) || name is { Length: > MaxNameLength })
            {
                damaged = true;
                continue;
            }

            if (!idMissing && people.Exists(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            people.Add(new MentionTarget(id ?? "", Clean(name) ?? "someone", Bool(entry, "tag") ?? false));
        }

        return people;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>Trims and replaces control characters (line breaks included) with spaces; null when nothing is left.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        string cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
