using TeamsMeetBot.Commands;

namespace TeamsMeetBot.Meetings;

/// <summary>Whether a stored meeting is one a <see cref="MeetingChoice"/> could mean.</summary>
internal static class MeetingChoiceMatching
{
    /// <summary>
    /// Its start fits the day, time and part of day named; each word named is a word of its subject or of an invitee's
    /// name (case aside, "review" also finds "reviews"); each person mentioned is invited, and each tag mentioned was
    /// (a tag sent without its marker reads as a person, so a person's name is also looked for among the tags).
    /// </summary>
    public static bool Fits(this MeetingChoice which, MeetingRecord meeting) =>
        which.Matches(meeting.StartUtc)
        && which.Words.All(word => HasWord(meeting.Subject, word) || meeting.Attendees.Any(a => HasWord(a.Name, word)) || meeting.Tags.Any(t => HasWord(t, word)))
        && which.With.All(person => (!person.IsTag && meeting.Attendees.Any(a => IsSamePerson(a, person)))
            || meeting.Tags.Contains(person.Name, StringComparer.OrdinalIgnoreCase));

    private static bool IsSamePerson(MeetingPerson invited, MentionInput mentioned) =>
        string.Equals(invited.TeamsId, mentioned.Id, StringComparison.Ordinal)
        || string.Equals(invited.AadObjectId, mentioned.Id, StringComparison.OrdinalIgnoreCase)
        || string.Equals(invited.Name, mentioned.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="text"/> has each run of letters and digits of <paramref name="word"/>, or all of them
    /// written together: "budget review", "1:1", "stand-up" in "Stand-up" and in "standup", "standup" in "Stand-up".
    /// </summary>
    private static bool HasWord(string text, string word)
    {
        var runs = MeetingChoiceReader.WordsOf(text);
        for (int i = 1, count = runs.Count; i < count; i++)
        {
            runs.Add(runs[i - 1] + runs[i]); // "Stand-up" is also "Standup"
        }

        var wanted = MeetingChoiceReader.WordsOf(word);
        string together = string.Concat(wanted);
        return wanted.Count > 0
            && (wanted.TrueForAll(w => runs.Exists(r => SameWord(r, w) || SameWord(w, r)))
                || (together.All(char.IsLetter) && runs.Exists(r => SameWord(r, together) || SameWord(together, r)))); // not "1:1" as "11"
    }

    /// <summary>"review" and "Review", "review" and "reviews", "catch" and "catches".</summary>
    private static bool SameWord(string longer, string shorter) =>
        longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase)
        && (longer.Length - shorter.Length) switch
        {
            0 => true,
            1 => longer[^1] is 's' or 'S',
            2 => longer.EndsWith("es", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
}
