using System.Globalization;
using TeamsMeetBot.Commands;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>
/// Scheduled meetings across zones and locales. Clocks used:
/// <list type="bullet">
/// <item>Thu 2026-11-26 22:00Z: 14:00 in Los Angeles, 23:00 in Berlin, Fri 03:30 in Kolkata, Fri 09:00 on Lord Howe.</item>
/// <item>Thu 2026-11-27 07:50Z: 23:50 in Los Angeles (near midnight).</item>
/// <item>Thu 2026-12-31 23:50Z: ten minutes before the new year in UTC.</item>
/// <item>The day before each daylight-saving change in Los Angeles, Berlin and Lord Howe (see the DST table).</item>
/// </list>
/// </summary>
public class ScheduledMeetingTests
{
    private const string La = "America/Los_Angeles";
    private const string Berlin = "Europe/Berlin";
    private const string Kolkata = "Asia/Kolkata";
    private const string LordHowe = "Australia/Lord_Howe";
    private const string Thu22 = "2026-11-26T22:00:00Z";
    private const string LaNearMidnight = "2026-11-27T07:50:00Z";
    private const string YearEnd = "2026-12-31T23:50:00Z";

    /// <summary>zone, now, locale, text → start (UTC), minutes.</summary>
    public static TheoryData<string, string, string, string, string, int> Times => new()
    {
        // Los Angeles, Thu 26 Nov 14:00 PST
        { La, Thu22, "en-US", "meet at 3pm", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet at 3 pm", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet at 3 p.m.", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet at 3PM", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet at 15:30", "2026-11-26T23:30Z", 30 },
        { La, Thu22, "en-US", "meet 3:30 pm", "2026-11-26T23:30Z", 30 },
        { La, Thu22, "en-US", "meet 3:30pm", "2026-11-26T23:30Z", 30 },
        { La, Thu22, "en-US", "meet at 3.30pm", "2026-11-26T23:30Z", 30 },
        { La, Thu22, "en-US", "meet at 3", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet at 6", "2026-11-27T02:00Z", 30 },
        { La, Thu22, "en-US", "meet at 9", "2026-11-27T17:00Z", 30 },
        { La, Thu22, "en-US", "meet at 7", "2026-11-27T15:00Z", 30 },
        { La, Thu22, "en-US", "meet at 09:00", "2026-11-27T17:00Z", 30 },
        { La, Thu22, "en-US", "meet at 9pm", "2026-11-27T05:00Z", 30 },
        { La, Thu22, "en-US", "meet at 4 o'clock", "2026-11-27T00:00Z", 30 },
        { La, Thu22, "en-US", "meet at noon", "2026-11-27T20:00Z", 30 },
        { La, Thu22, "en-US", "meet at midnight", "2026-11-27T08:00Z", 30 },
        { La, Thu22, "en-US", "meet at 14:00", "2026-11-26T22:00Z", 30 },
        { La, Thu22, "en-US", "meet at 13:59", "2026-11-26T21:59Z", 30 },
        { La, Thu22, "en-US", "meet at 13:58", "2026-11-27T21:58Z", 30 },
        { La, Thu22, "en-US", "meet tomorrow at 9", "2026-11-27T17:00Z", 30 },
        // "next week Tuesday": that day of the week after this one (weeks start on Monday). From Thursday it is the same
        // day as "next Tuesday"; from Monday 23 Nov (10:00 in Los Angeles) "next Tuesday" is the 24th, next week's the 1st.
        { La, Thu22, "en-US", "meet next week tuesday 2pm", "2026-12-01T22:00Z", 30 },
        { La, Thu22, "en-US", "meet tuesday next week at 2pm", "2026-12-01T22:00Z", 30 },
        { La, Thu22, "en-US", "meet next week on Thursday at 10", "2026-12-03T18:00Z", 30 },
        { La, Thu22, "en-US", "meet next week on Sunday at 10", "2026-12-06T18:00Z", 30 },
        { La, "2026-11-23T18:00:00Z", "en-US", "meet next week tuesday at 2pm", "2026-12-01T22:00Z", 30 },
        { La, "2026-11-23T18:00:00Z", "en-US", "meet next tuesday at 2pm", "2026-11-24T22:00Z", 30 },
        { La, Thu22, "en-US", "meet tomorrow at 9am", "2026-11-27T17:00Z", 30 },
        { La, Thu22, "en-US", "meet tomorrow 9", "2026-11-27T17:00Z", 30 },
        { La, Thu22, "en-US", "meet tmrw at 10:15", "2026-11-27T18:15Z", 30 },
        // Chat spellings of the day words (these used to be refused as "not a time", and "tomo" became the subject of a meeting today).
        { La, Thu22, "en-US", "meet 2moro at 3", "2026-11-27T23:00Z", 30 },
        { La, Thu22, "en-US", "meet 2morrow at 3", "2026-11-27T23:00Z", 30 },
        { La, Thu22, "en-US", "meet at 3 2moro", "2026-11-27T23:00Z", 30 },
        { La, Thu22, "en-US", "meet 2mrw 10am", "2026-11-27T18:00Z", 30 },
        { La, Thu22, "en-US", "meet tomo at 3", "2026-11-27T23:00Z", 30 },
        { La, Thu22, "en-US", "meet 2day at 3", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet 2nite at 8", "2026-11-27T04:00Z", 30 },
        { La, Thu22, "en-US", "meet tonite at 8", "2026-11-27T04:00Z", 30 },
        { La, Thu22, "en-US", "meet at 9 tomorrow", "2026-11-27T17:00Z", 30 },
        { La, Thu22, "en-US", "meet tomorrow morning at 8", "2026-11-27T16:00Z", 30 },
        { La, Thu22, "en-US", "meet tomorrow at 3 in the afternoon", "2026-11-27T23:00Z", 30 },
        { La, Thu22, "en-US", "meet tonight at 9", "2026-11-27T05:00Z", 30 },
        { La, Thu22, "en-US", "meet this evening at 8", "2026-11-27T04:00Z", 30 },
        { La, Thu22, "en-US", "meet today 17:00", "2026-11-27T01:00Z", 30 },
        { La, Thu22, "en-US", "meet today at 5pm for 45 min", "2026-11-27T01:00Z", 45 },
        { La, Thu22, "en-US", "meet the day after tomorrow at 10", "2026-11-28T18:00Z", 30 },
        { La, Thu22, "en-US", "meet on Friday at 10", "2026-11-27T18:00Z", 30 },
        { La, Thu22, "en-US", "meet Friday 10am", "2026-11-27T18:00Z", 30 },
        { La, Thu22, "en-US", "meet on fri at 10", "2026-11-27T18:00Z", 30 },
        { La, Thu22, "en-US", "meet next Tuesday 9am", "2026-12-01T17:00Z", 30 },
        { La, Thu22, "en-US", "meet next tue at 9", "2026-12-01T17:00Z", 30 },
        { La, Thu22, "en-US", "meet on Thursday at 3pm", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet on Thursday at 10am", "2026-12-03T18:00Z", 30 },
        { La, Thu22, "en-US", "meet next Thursday at 3pm", "2026-12-03T23:00Z", 30 },
        { La, Thu22, "en-US", "meet this Monday at 11", "2026-11-30T19:00Z", 30 },
        { La, Thu22, "en-US", "meet on Dec 3 at 14:00", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-US", "meet on December 3rd at 2pm", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-US", "meet Dec 3, 2026 at 2pm", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-US", "meet 3 December 2pm", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-US", "meet on the 3rd of December at 2pm", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-US", "meet 2026-12-03 14:00", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-US", "meet 12/3 2pm", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-GB", "meet 12/3 2pm", "2027-03-12T22:00Z", 30 },
        { La, Thu22, "en-US", "meet 12/3/2026 at 2pm", "2026-12-03T22:00Z", 30 },
        { La, Thu22, "en-US", "meet 13/12 at 2pm", "2026-12-13T22:00Z", 30 },
        { La, Thu22, "en-US", "meet on Jan 5 at 9", "2027-01-05T17:00Z", 30 },
        { La, Thu22, "en-US", "meet on 1/5 at 9", "2027-01-05T17:00Z", 30 },
        { La, Thu22, "en-US", "meet in 20 minutes", "2026-11-26T22:20Z", 30 },
        { La, Thu22, "en-US", "meet in 2 hours", "2026-11-27T00:00Z", 30 },
        { La, Thu22, "en-US", "meet in an hour", "2026-11-26T23:00Z", 30 },
        { La, Thu22, "en-US", "meet in half an hour for 15 min", "2026-11-26T22:30Z", 15 },
        { La, Thu22, "en-US", "meet in 5 min", "2026-11-26T22:05Z", 30 },
        { La, Thu22, "en-US", "meet from 2 to 3pm", "2026-11-26T22:00Z", 60 },
        { La, Thu22, "en-US", "meet from 3 to 4", "2026-11-26T23:00Z", 60 },
        { La, Thu22, "en-US", "meet 2-3:30pm", "2026-11-26T22:00Z", 90 },
        { La, Thu22, "en-US", "meet 3pm-4pm", "2026-11-26T23:00Z", 60 },
        { La, Thu22, "en-US", "meet 3pm to 4:15pm", "2026-11-26T23:00Z", 75 },
        { La, Thu22, "en-US", "meet 3pm until 5", "2026-11-26T23:00Z", 120 },
        { La, Thu22, "en-US", "meet 15:00–16:30", "2026-11-26T23:00Z", 90 },
        { La, Thu22, "en-US", "meet tomorrow from 11 to 1pm", "2026-11-27T19:00Z", 120 },
        { La, Thu22, "en-US", "meet between 10 and 11 tomorrow", "2026-11-27T18:00Z", 60 },
        { La, Thu22, "en-US", "meet tomorrow between 10am and 11:30am", "2026-11-27T18:00Z", 90 },
        { La, Thu22, "en-US", "meet from 3 to 4pm for 1 hour", "2026-11-26T23:00Z", 60 },
        { La, Thu22, "en-US", "meet tonight 10pm to 1am", "2026-11-27T06:00Z", 180 },
        { La, Thu22, "en-US", "meet tomorrow at 3pm for 45 min with {B} about the release", "2026-11-27T23:00Z", 45 },
        { La, Thu22, "en-US", "schedule a meeting on Friday at 10 for an hour", "2026-11-27T18:00Z", 60 },
        { La, Thu22, "en-US", "meet at 3pm for 1h30", "2026-11-26T23:00Z", 90 },
        { La, Thu22, "en-US", "meet at 3pm for an hour and a half", "2026-11-26T23:00Z", 90 },
        { La, Thu22, "en-US", "meet at 3pm for 24 hours", "2026-11-26T23:00Z", 1440 },
        { La, Thu22, "en-US", "meet on Nov 26 2027 at 2pm", "2027-11-26T22:00Z", 30 },
        { La, Thu22, "en-US", "tomorrow at 9am meet with {A}", "2026-11-27T17:00Z", 30 },
        { La, Thu22, "en-US", "meet 5 minutes from now", "2026-11-26T22:05Z", 30 },
        { La, Thu22, "en-US", "meet on Fri 27 Nov at 10", "2026-11-27T18:00Z", 30 },
        { La, Thu22, "en-US", "meet Tuesday, December 1 at 9:30am", "2026-12-01T17:30Z", 30 },

        // Los Angeles, 23:50 on Thu 26 Nov
        { La, LaNearMidnight, "en-US", "meet tomorrow at 9", "2026-11-27T17:00Z", 30 },
        { La, LaNearMidnight, "en-US", "meet at 9", "2026-11-27T17:00Z", 30 },
        { La, LaNearMidnight, "en-US", "meet today at 23:55", "2026-11-27T07:55Z", 30 },
        { La, LaNearMidnight, "en-US", "meet at 11:55pm", "2026-11-27T07:55Z", 30 },
        { La, LaNearMidnight, "en-US", "meet at midnight", "2026-11-27T08:00Z", 30 },
        { La, LaNearMidnight, "en-US", "meet in 15 minutes", "2026-11-27T08:05Z", 30 },
        { La, LaNearMidnight, "en-US", "meet on Friday at 8am", "2026-11-27T16:00Z", 30 },
        { La, LaNearMidnight, "en-US", "meet at 11:49pm", "2026-11-27T07:49Z", 30 },

        // Berlin, Thu 26 Nov 23:00 CET
        { Berlin, Thu22, "de-DE", "meet at 3pm", "2026-11-27T14:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet at 15:00", "2026-11-27T14:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet at 23:30", "2026-11-26T22:30Z", 30 },
        { Berlin, Thu22, "de-DE", "meet tomorrow at 9", "2026-11-27T08:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet in 30 minutes", "2026-11-26T22:30Z", 30 },
        { Berlin, Thu22, "de-DE", "meet at midnight", "2026-11-26T23:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet on Friday at 10", "2026-11-27T09:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet next Friday at 10", "2026-11-27T09:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet on Thursday at 10", "2026-12-03T09:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet on Thursday at 23:30", "2026-11-26T22:30Z", 30 },
        { Berlin, Thu22, "de-DE", "meet next Thursday at 23:30", "2026-12-03T22:30Z", 30 },
        { Berlin, Thu22, "de-DE", "meet 12/3 14:00", "2027-03-12T13:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet 3.12. 14:00", "2026-12-03T13:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet on 3.12 at 14:00", "2026-12-03T13:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet 3.12.2026 14:00", "2026-12-03T13:00Z", 30 },
        { Berlin, Thu22, "en-GB", "meet 3/12 at 2pm", "2026-12-03T13:00Z", 30 },
        { Berlin, Thu22, "en-US", "meet 3/12 at 2pm", "2027-03-12T13:00Z", 30 },
        { Berlin, Thu22, "de-DE", "meet 2026-12-24 10:00 for 2h", "2026-12-24T09:00Z", 120 },
        { Berlin, Thu22, "de-DE", "meet tomorrow 14:00-15:00", "2026-11-27T13:00Z", 60 },
        { Berlin, Thu22, "de-DE", "meet tomorrow from 9 to 10:30", "2026-11-27T08:00Z", 90 },
        { Berlin, Thu22, "de-DE", "meet on 1 Dec at 08:30", "2026-12-01T07:30Z", 30 },
        { Berlin, Thu22, "de-DE", "meet 1st December at 8:30", "2026-12-01T07:30Z", 30 },
        { Berlin, Thu22, "de-DE", "meet tomorrow at 15:30h", "2026-11-27T14:30Z", 30 },

        // Kolkata, Fri 27 Nov 03:30 IST
        { Kolkata, Thu22, "en-IN", "meet at 9", "2026-11-27T03:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet tomorrow at 9", "2026-11-28T03:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet at 3pm", "2026-11-27T09:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet today 17:00", "2026-11-27T11:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet on Friday at 10", "2026-11-27T04:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet next Friday at 10", "2026-12-04T04:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet at noon", "2026-11-27T06:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet at midnight", "2026-11-27T18:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet on Dec 3 at 14:00", "2026-12-03T08:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet 12/3 2pm", "2027-03-12T08:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet in 45 minutes", "2026-11-26T22:45Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet at 4am", "2026-11-26T22:30Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet at 3:30am", "2026-11-26T22:00Z", 30 },
        { Kolkata, Thu22, "en-IN", "meet from 10 to 11:30", "2026-11-27T04:30Z", 90 },
        { Kolkata, Thu22, "en-IN", "meet on Monday 9:30am for 1h", "2026-11-30T04:00Z", 60 },

        // Lord Howe, Fri 27 Nov 09:00 (+11:00 in summer)
        { LordHowe, Thu22, "en-AU", "meet at 3pm", "2026-11-27T04:00Z", 30 },
        { LordHowe, Thu22, "en-AU", "meet tomorrow at 9", "2026-11-27T22:00Z", 30 },
        { LordHowe, Thu22, "en-AU", "meet in 2 hours", "2026-11-27T00:00Z", 30 },
        { LordHowe, Thu22, "en-AU", "meet at 9:30", "2026-11-26T22:30Z", 30 },
        { LordHowe, Thu22, "en-AU", "meet 3/12 at 2pm", "2026-12-03T03:00Z", 30 },
        { LordHowe, Thu22, "en-AU", "meet next Monday at 10", "2026-11-29T23:00Z", 30 },

        // UTC, ten minutes before the new year
        { "UTC", YearEnd, "en-US", "meet at 00:10", "2027-01-01T00:10Z", 30 },
        { "UTC", YearEnd, "en-US", "meet tomorrow at 9", "2027-01-01T09:00Z", 30 },
        { "UTC", YearEnd, "en-US", "meet on Jan 2 at 10", "2027-01-02T10:00Z", 30 },
        { "UTC", YearEnd, "en-US", "meet in 20 minutes", "2027-01-01T00:10Z", 30 },
        { "UTC", YearEnd, "en-US", "meet at 23:55", "2026-12-31T23:55Z", 30 },
        { "UTC", YearEnd, "en-US", "meet next Friday at 10am", "2027-01-01T10:00Z", 30 },
        { "UTC", YearEnd, "en-US", "meet at 11:30pm for 1h", "2027-01-01T23:30Z", 60 },
        { "UTC", YearEnd, "en-US", "meet 2027-01-04 09:00", "2027-01-04T09:00Z", 30 },
        { "UTC", YearEnd, "en-GB", "meet 4/1 at 9", "2027-01-04T09:00Z", 30 },
        { "UTC", YearEnd, "en-US", "meet on 12/31 at 23:59", "2026-12-31T23:59Z", 30 },
        { "UTC", YearEnd, "en-US", "meet at 23:49", "2026-12-31T23:49Z", 30 },
        { "UTC", YearEnd, "en-US", "meet at 11:45 pm", "2027-01-01T23:45Z", 30 },

        // UTC, the captured clock
        { "UTC", Thu22, "en-US", "meet at 10pm", "2026-11-26T22:00Z", 30 },
        { "UTC", Thu22, "en-US", "meet at 10:30pm with {A} about the db", "2026-11-26T22:30Z", 30 },
        { "UTC", Thu22, "en-US", "meet Monday at 2pm", "2026-11-30T14:00Z", 30 },
        { "UTC", Thu22, "en-US", "meet on Sat at 11", "2026-11-28T11:00Z", 30 },
        { "UTC", "2027-06-01T10:00:00Z", "en-US", "meet Feb 29 at 10", "2028-02-29T10:00Z", 30 },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void Scheduled_start_and_length(string zone, string now, string locale, string text, string startUtc, int minutes)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, zone, now, locale)));

        Assert.True(command.IsScheduled);
        Assert.Equal(At(startUtc), command.Start);
        Assert.Equal(TimeSpan.Zero, command.Start!.Value.Offset);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
        Assert.Equal(command.Start + command.Duration, command.End);
    }

    /// <summary>
    /// Spoken clock times, the "15h30" way of writing them, and days counted ahead. Los Angeles, Thu 26 Nov 14:00 PST.
    /// text → start (UTC), minutes, subject.
    /// </summary>
    public static TheoryData<string, string, int, string?> SpokenTimesAndDayCounts => new()
    {
        { "meet at half past 3", "2026-11-26T23:30Z", 30, null },
        { "meet half past 3", "2026-11-26T23:30Z", 30, null },
        { "meet tomorrow at quarter past 10", "2026-11-27T18:15Z", 30, null },
        // The hour as written decides morning or afternoon, as "at 7" would: 06:45, not 18:45.
        { "meet tomorrow at quarter to 7", "2026-11-27T14:45Z", 30, null },
        { "meet at a quarter to 4pm", "2026-11-26T23:45Z", 30, null },
        { "meet at quarter after 9", "2026-11-27T17:15Z", 30, null },
        { "meet at 10 past 3", "2026-11-26T23:10Z", 30, null },
        { "meet at 20 minutes to 5", "2026-11-27T00:40Z", 30, null },
        { "meet at twenty to 5 about the budget", "2026-11-27T00:40Z", 30, "the budget" },
        { "meet tomorrow at quarter to noon", "2026-11-27T19:45Z", 30, null },
        { "meet tomorrow at quarter to midnight", "2026-11-28T07:45Z", 30, null },
        { "meet tomorrow at quarter to 1", "2026-11-27T20:45Z", 30, null },
        { "meet from half past 2 to 4", "2026-11-26T22:30Z", 90, null },
        { "meet tomorrow from 10 to quarter past 11", "2026-11-27T18:00Z", 75, null },
        { "meet about the plan half past 3", "2026-11-26T23:30Z", 30, "the plan" },
        { "meet about half the backlog at 3pm", "2026-11-26T23:00Z", 30, "half the backlog" },

        // A range stays a range: "from 10 to 11" is not ten to eleven.
        { "meet tomorrow from 10 to 11", "2026-11-27T18:00Z", 60, null },
        { "meet 3 to 4", "2026-11-26T23:00Z", 60, null },
        { "meet tomorrow from ten to eleven", "2026-11-27T18:00Z", 60, null },
        { "meet tomorrow between ten and eleven", "2026-11-27T18:00Z", 60, null },

        // Hours in words, and the British "half 3" (3:30).
        { "meet at three", "2026-11-26T23:00Z", 30, null },
        { "meet tomorrow at eleven am", "2026-11-27T19:00Z", 30, null },
        { "meet tomorrow at ten thirty", "2026-11-27T18:30Z", 30, null },
        { "meet at five o'clock", "2026-11-27T01:00Z", 30, null },
        { "meet at half past three", "2026-11-26T23:30Z", 30, null },
        { "meet tomorrow at ten to five", "2026-11-28T00:50Z", 30, null },
        { "meet tomorrow at half 3", "2026-11-27T23:30Z", 30, null },
        { "meet tomorrow at half three", "2026-11-27T23:30Z", 30, null },
        { "meet tomorrow at nine for an hour about the five whys", "2026-11-27T17:00Z", 60, "the five whys" },
        // Not times: "one to one" is a kind of meeting; a word number alone is not an hour.
        { "meet tomorrow at 3pm one to one", "2026-11-27T23:00Z", 30, "one to one" },
        { "meet at 3 tomorrow to five", "2026-11-27T23:00Z", 120, null },
        { "meet tomorrow 9 about ten things", "2026-11-27T17:00Z", 30, "ten things" },
        { "meet two hours from now", "2026-11-27T00:00Z", 30, null },

        // The 24-hour clock written with an "h".
        { "meet tomorrow at 15h30", "2026-11-27T23:30Z", 30, null },
        { "meet tomorrow 15h30", "2026-11-27T23:30Z", 30, null },
        { "meet tomorrow 09h00", "2026-11-27T17:00Z", 30, null },
        { "meet at 9h", "2026-11-27T17:00Z", 30, null },
        { "meet tomorrow from 14h to 15h30", "2026-11-27T22:00Z", 90, null },
        // A one-digit "1h30" alone is still a length.
        { "meet tomorrow at 3pm 1h30", "2026-11-27T23:00Z", 90, null },
        { "meet tomorrow at 3pm for 2h", "2026-11-27T23:00Z", 120, null },
        { "meet tomorrow at 4pm - 1h", "2026-11-28T00:00Z", 60, null },
        { "meet tomorrow 4pm-1h30", "2026-11-28T00:00Z", 90, null },
        { "meet tomorrow 8h-9h", "2026-11-27T16:00Z", 60, null },
        { "meet tomorrow 14h-15h30", "2026-11-27T22:00Z", 90, null },
        { "meet tomorrow at 10:00 for 1h30 min", "2026-11-27T18:00Z", 90, null },
        { "meet tomorrow 10am to review PR 1234", "2026-11-27T18:00Z", 30, "review PR 1234" },
        { "meet tomorrow at 10 to plan the offsite with {A}", "2026-11-27T18:00Z", 30, "plan the offsite" },

        // Days counted ahead.
        { "meet in 2 days at 10", "2026-11-28T18:00Z", 30, null },
        { "meet in two days at 10am", "2026-11-28T18:00Z", 30, null },
        { "meet in a day at 9", "2026-11-27T17:00Z", 30, null },
        { "meet in a week at 9", "2026-12-03T17:00Z", 30, null },
        { "meet in 2 weeks at 3pm for 1 hour", "2026-12-10T23:00Z", 60, null },
        { "meet 3 days from now at 11", "2026-11-29T19:00Z", 30, null },
        { "meet a week from today at 2pm", "2026-12-03T22:00Z", 30, null },
        { "meet a week from tomorrow at 10", "2026-12-04T18:00Z", 30, null },
        { "meet a week tomorrow at 10", "2026-12-04T18:00Z", 30, null },
        { "meet a fortnight today at 10", "2026-12-10T18:00Z", 30, null },
        { "meet in a fortnight at 10", "2026-12-10T18:00Z", 30, null },
        { "meet at 10 in 2 days about the retro", "2026-11-28T18:00Z", 30, "the retro" },
        { "meet later today at 4", "2026-11-27T00:00Z", 30, null },
        { "meet in 10", "2026-11-26T22:10Z", 30, null },
        { "meet in 15 with {A} about the alert", "2026-11-26T22:15Z", 30, "the alert" },
        { "meet in 45, for an hour", "2026-11-26T22:45Z", 60, null },
        { "meet in 5", "2026-11-26T22:05Z", 30, null },

        // A day of the month alone: the next such day, today while the time is still ahead; the 31st skips November.
        { "meet on the 4th at 3pm", "2026-12-04T23:00Z", 30, null },
        { "meet the 1st at 10", "2026-12-01T18:00Z", 30, null },
        { "meet Friday the 4th at 3pm", "2026-12-04T23:00Z", 30, null },
        { "meet on the 26th at 3pm", "2026-11-26T23:00Z", 30, null },
        { "meet on the 26th at 9am", "2026-12-26T17:00Z", 30, null },
        { "meet on the 31st at 10", "2026-12-31T18:00Z", 30, null },
        { "meet at 3pm on the 4th floor", "2026-11-26T23:00Z", 30, "the 4th floor" },

        // Short weekday names: "mon", "tues", "thurs", "fri" alone; "sat", "sun", "wed" before a time.
        { "meet mon at 10", "2026-11-30T18:00Z", 30, null },
        { "meet tues 10am", "2026-12-01T18:00Z", 30, null },
        { "meet thurs at 3pm", "2026-11-26T23:00Z", 30, null },
        { "meet sat 11am", "2026-11-28T19:00Z", 30, null },
        { "meet at 3pm about the sun", "2026-11-26T23:00Z", 30, "the sun" },

        // Hours and minutes run together after "at", or after a day.
        { "meet at 1530", "2026-11-26T23:30Z", 30, null },
        { "meet tomorrow at 0930", "2026-11-27T17:30Z", 30, null },
        { "meet tomorrow 930am", "2026-11-27T17:30Z", 30, null },
        { "meet tomorrow 1530 for 45 min", "2026-11-27T23:30Z", 45, null },
        { "meet tomorrow at 3pm about ticket 1234", "2026-11-27T23:00Z", 30, "ticket 1234" },

        // A dot between hours and minutes, as written in Britain and much of Europe; with a unit it is still a length.
        { "meet tomorrow at 15.30", "2026-11-27T23:30Z", 30, null },
        { "meet tomorrow 15.30", "2026-11-27T23:30Z", 30, null },
        { "meet tomorrow from 14.00 to 15.30", "2026-11-27T22:00Z", 90, null },
        { "meet 14.00-15.30 tomorrow", "2026-11-27T22:00Z", 90, null },
        { "meet at 3pm for 1.50 hours", "2026-11-26T23:00Z", 90, null },
        { "meet tomorrow at 10 about release 2.10", "2026-11-27T18:00Z", 30, "release 2.10" },

        // A one-on-one is a kind of meeting, not 01:01 nor a range from 1 to 1; "1-1:30" is still a range.
        { "set up a 1:1 with {A} tomorrow at 10", "2026-11-27T18:00Z", 30, "1:1" },
        { "1:1 with {A} tomorrow at 10", "2026-11-27T18:00Z", 30, "1:1" },
        { "meet 1-1 with {A} at 3pm", "2026-11-26T23:00Z", 30, "1-1" },
        { "schedule a 1-on-1 with {A} friday 2pm", "2026-11-27T22:00Z", 30, "1-on-1" },
        { "book a 1:1 with {A} tomorrow 10am about goals", "2026-11-27T18:00Z", 30, "goals" },
        { "meet at 1-1:30", "2026-11-27T21:00Z", 30, null },
        { "meet tomorrow 1-2pm", "2026-11-27T21:00Z", 60, null },

        // "a couple of hours" is two; a length right after a day is a length, not an hour ("tomorrow 1 hr").
        { "meet tomorrow 10am for a couple of hours", "2026-11-27T18:00Z", 120, null },
        { "meet in a couple of hours", "2026-11-27T00:00Z", 30, null },
        { "meet 10am tomorrow 1 hr with {A} re: Q4 planning", "2026-11-27T18:00Z", 60, "Q4 planning" },
        // One meeting of a series, named by its adjective: a single meeting (a standup is named so: "move the standup" finds it).
        { "daily standup tomorrow at 9", "2026-11-27T17:00Z", 30, "daily standup" },
        { "schedule the weekly sync tomorrow at 10", "2026-11-27T18:00Z", 30, null },
        { "meet tomorrow at 9 about the daily standup", "2026-11-27T17:00Z", 30, "the daily standup" },
        { "meet at 3 about the recurring outage", "2026-11-26T23:00Z", 30, "the recurring outage" },
        { "meet at 3 \"recurring issue triage\"", "2026-11-26T23:00Z", 30, "recurring issue triage" },

        // "@" before a time is "at"; "sharp" after one changes nothing.
        { "meet tomorrow @3pm with {A}", "2026-11-27T23:00Z", 30, null },
        { "meet @10:30", "2026-11-27T18:30Z", 30, null },
        { "meet @3", "2026-11-26T23:00Z", 30, null },
        { "meet at 3 sharp", "2026-11-26T23:00Z", 30, null },
        { "meet w/ {A} tomorrow at 9 sharp about the plan", "2026-11-27T17:00Z", 30, "the plan" },

        // Holidays on the same date every year: the next one (these used to be tomorrow, titled "christmas").
        { "meet on christmas at 10", "2026-12-25T18:00Z", 30, null },
        { "meet christmas eve at 3pm", "2026-12-24T23:00Z", 30, null },
        { "meet on xmas day at 9 about the party", "2026-12-25T17:00Z", 30, "the party" },
        { "meet on boxing day at 10", "2026-12-26T18:00Z", 30, null },
        { "meet on new year's eve at 4pm", "2027-01-01T00:00Z", 30, null },
        { "meet on new years day at 10", "2027-01-01T18:00Z", 30, null },
        { "meet on valentine's day at noon", "2027-02-14T20:00Z", 30, null },
        { "meet on halloween at 5", "2027-11-01T00:00Z", 30, null }, // this year's is over
        // A holiday's word in a subject stays the subject's.
        { "meet christmas party planning tomorrow at 3", "2026-11-27T23:00Z", 30, "christmas party planning" },
        { "meet tomorrow at 3 about christmas", "2026-11-27T23:00Z", 30, "christmas" },

        // The British "Thursday week" (a week after the coming Thursday), "a week on Thursday", "a week from Friday".
        { "meet thursday week at 10", "2026-12-03T18:00Z", 30, null },
        { "meet on Friday week at 10", "2026-12-04T18:00Z", 30, null },
        { "meet a week on thursday at 10", "2026-12-03T18:00Z", 30, null },
        { "meet a week from friday at 10", "2026-12-04T18:00Z", 30, null },
        { "meet a fortnight on monday at 9", "2026-12-14T17:00Z", 30, null },
        { "meet for some time tomorrow at 3", "2026-11-27T23:00Z", 30, null },
        { "meet tmrw arvo at 3", "2026-11-27T23:00Z", 30, null },
        { "pls set up a call w {A} tmrw 9am", "2026-11-27T17:00Z", 30, null },
        // A rough time is the time (these made a meeting now titled "3", or one titled "approximately").
        { "meet at about 3", "2026-11-26T23:00Z", 30, null },
        { "meet at approximately 3pm", "2026-11-26T23:00Z", 30, null },
        { "meet approximately 3pm", "2026-11-26T23:00Z", 30, null },
        { "meet roughly at 3", "2026-11-26T23:00Z", 30, null },
        { "meet tomorrow at approx 10", "2026-11-27T18:00Z", 30, null },
        { "meet at about 3 about the budget", "2026-11-26T23:00Z", 30, "the budget" },
    };

    [Theory]
    [MemberData(nameof(SpokenTimesAndDayCounts))]
    public void Spoken_times_and_days_counted_ahead(string text, string startUtc, int minutes, string? subject)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, La)));

        Assert.Equal(At(startUtc), command.Start);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
        Assert.Equal(subject, command.Subject);
    }

    [Theory]
    [InlineData("meet in 2 days", "I got Sat 28 Nov but no time of day", "2026-11-28")]
    [InlineData("meet a week from now", "I got Thu 3 Dec but no time of day", "2026-12-03")]
    [InlineData("meet at quarter past 25", "“quarter past 25” is not a time of day", null)]
    [InlineData("meet at 75 minutes past 3", "“75 minutes past 3” is not a time of day", null)]
    [InlineData("meet at quarter past", "“at quarter past” is not a time I can read", null)]
    [InlineData("meet tomorrow half 3 hours", "I got Fri 27 Nov but no time of day", "2026-11-27")]
    [InlineData("meet tomorrow at 25h30", "“25h30” is not a time of day", "2026-11-27")]
    [InlineData("meet in 2 days tomorrow at 3", "two different days", null)]
    [InlineData("meet in 400 days at 10", "more than a year ahead", null)]
    [InlineData("meet Thursday the 4th at 3pm", "4 Dec 2026 is a Friday, not a Thursday", "2026-12-04")]
    [InlineData("meet on the 45th at 3pm", "“45th” is not a day of the month", null)]
    [InlineData("meet at 1575", "“1575” is not a time of day", null)]
    [InlineData("meet in 2024", "“in 2024” is not a time I can read", null)]
    [InlineData("meet now about the 10am incident", "you wrote both “now” and a later time; to keep time words in a subject, put the subject in quotes", null)]
    [InlineData("meet now tomorrow at 3", "you wrote both “now” and a later time. I understood Fri 27 Nov 2026, 15:00", "2026-11-27")]
    [InlineData("meet now in 10 minutes", "you wrote both “now” and a later time.", null)]
    // A deadline or a window is not a start: asked about, never guessed (these used to be a meeting now titled "end of day").
    [InlineData("meet by end of day with {A}", "“by end of day” does not say what time", null)]
    [InlineData("meet at end of the day", "“at end of the day” does not say what time", null)]
    [InlineData("meet tomorrow before EOD", "“before EOD” does not say what time", "2026-11-27")]
    [InlineData("meet tomorrow by COB", "“by COB” does not say what time", "2026-11-27")]
    [InlineData("meet at close of business", "“at close of business” does not say what time", null)]
    [InlineData("meet before 3pm", "“before 3pm” does not say what time", null)]
    [InlineData("meet tomorrow after 10:30", "“after 10:30” does not say what time", "2026-11-27")]
    [InlineData("meet tomorrow before noon", "“before noon” does not say what time", "2026-11-27")]
    [InlineData("meet at lunchtime", "“at lunchtime” does not say what time", null)]
    [InlineData("meet tomorrow after lunch", "“after lunch” does not say what time", "2026-11-27")]
    [InlineData("meet in a bit", "“in a bit” does not say what time", null)]
    [InlineData("meet in a few minutes with {A}", "“in a few minutes” does not say what time", null)]
    [InlineData("meet at 10.5", "“at 10.5” is not a time I can read", null)]
    // A series is not one meeting: asked about, with the first one on the card (these used to be one meeting titled "every").
    [InlineData("meet every monday at 10", "“every monday” is a series, and I create one meeting at a time", null)]
    [InlineData("meet weekly on Monday at 10", "“weekly” is a series", "2026-11-30")]
    [InlineData("meet daily at 9 with {A}", "“daily” is a series", null)]
    [InlineData("meet every 2 weeks on Friday at 3", "“every 2 weeks” is a series", "2026-11-27")]
    [InlineData("meet at 25.00", "“25.00” is not a time of day", null)]
    // A holiday without a time, one whose date moves, a window around one, and no time at all (these used to be a meeting now).
    [InlineData("meet on christmas", "I got Fri 25 Dec but no time of day", "2026-12-25")]
    [InlineData("meet on thanksgiving at 10", "“thanksgiving” is not on the same date every year or in every country, so write its date", null)]
    [InlineData("meet on easter monday at 10", "“easter monday” is not on the same date every year", null)]
    [InlineData("meet after christmas", "“after christmas” does not say what time", null)]
    [InlineData("meet tomorrow all day", "“all day” does not say what time", "2026-11-27")]
    [InlineData("meet sometime tomorrow", "“sometime” does not say what time", "2026-11-27")]
    [InlineData("meet tomorrow at any time", "“any time” does not say what time", "2026-11-27")]
    [InlineData("meet whenever", "“whenever” does not say what time", null)]
    // A misspelt day is asked about (these used to be today or the next 10:00, titled "tmorow", "wendesday").
    [InlineData("meet tmorow at 3", "“tmorow” is not a day I know (did you mean tomorrow?)", null)]
    [InlineData("meet on wendesday at 10", "“wendesday” is not a day I know (did you mean Wednesday?)", null)]
    [InlineData("meet on firday at 10", "“firday” is not a day I know (did you mean Friday?)", null)]
    [InlineData("meet thrusday at 10 with {A}", "“thrusday” is not a day I know (did you mean Thursday?)", null)]
    [InlineData("meet on 3 novmber at 10", "“novmber” is not a day I know (did you mean November?)", null)]
    [InlineData("meet fridays at 10", "“fridays” is a series", null)]
    // "recurring" asks for a series whatever follows (these used to be one meeting titled "recurring standup").
    [InlineData("set up a recurring standup at 9", "“recurring” is a series", null)]
    [InlineData("schedule a repeating sync tomorrow at 10 with {A}", "“repeating” is a series", "2026-11-27")]
    [InlineData("meet on mondays at 9", "“on mondays” is a series", null)]
    [InlineData("meet first thing tomorrow", "“first thing” does not say what time", "2026-11-27")]
    [InlineData("meet first thing in the morning", "“first thing in the morning” does not say what time", null)]
    [InlineData("meet this arvo", "I got Thu 26 Nov but no time of day", "2026-11-26")]
    // An event is not a time (these used to be a meeting now titled "after the standup", "after").
    [InlineData("meet after the standup", "“after the standup” does not say what time", null)]
    [InlineData("meet right after this", "“right after this” does not say what time", null)]
    [InlineData("meet before we go live", "“before we go live” does not say what time", null)]
    [InlineData("meet with {A} after the standup tomorrow at 10", "“after the standup” does not say what time. I understood Fri 27 Nov 2026, 10:00", "2026-11-27")]
    public void Spoken_times_and_day_counts_that_cannot_be_used_say_why(string text, string problem, string? cardDate)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, La)));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
        if (cardDate is not null)
        {
            Assert.True(failure.NeedsSchedulingCard);
            Assert.Equal(DateOnly.Parse(cardDate, CultureInfo.InvariantCulture), failure.Understood!.Date);
        }
    }

    /// <summary>sender's zone, text → start (UTC), minutes, the zone the meeting is kept in, subject. Now: Thu 26 Nov 22:00Z.</summary>
    public static TheoryData<string, string, string, int, string, string?> WrittenZones => new()
    {
        { La, "meet tomorrow at 3pm UTC", "2026-11-27T15:00Z", 30, "UTC", null },
        { La, "meet tomorrow at 3pm utc.", "2026-11-27T15:00Z", 30, "UTC", null },
        { La, "meet tomorrow at 15:00 GMT", "2026-11-27T15:00Z", 30, "UTC", null },
        { La, "meet tomorrow at 15:00 Europe/London", "2026-11-27T15:00Z", 30, "Europe/London", null },
        { La, "meet tomorrow at 3pm CET for 45 min about the failover", "2026-11-27T14:00Z", 45, "Europe/Berlin", "the failover" },
        { Berlin, "meet tomorrow at 9am Pacific time", "2026-11-27T17:00Z", 30, La, null },
        { Berlin, "meet tomorrow 10-11am PT", "2026-11-27T18:00Z", 60, La, null },
        { Berlin, "meet tomorrow at 3pm EST", "2026-11-27T20:00Z", 30, "America/New_York", null },
        // The day words are read in the written zone too: it is already Friday 03:30 there, so "tomorrow" is Saturday.
        { La, "meet tomorrow at 14:00 UTC+5:30", "2026-11-28T08:30Z", 30, "UTC+05:30", null },
        { La, "meet tomorrow at 14:00 UTC-03:00", "2026-11-27T17:00Z", 30, "UTC-03:00", null },
        { La, "meet tomorrow at 9 Asia/Kolkata with {A}", "2026-11-28T03:30Z", 30, Kolkata, null },
        // Summer time in the written zone: 15:00 in Berlin on 1 July is 13:00Z.
        { La, "meet on 1 July 2027 at 15:00 CEST", "2027-07-01T13:00Z", 30, "Europe/Berlin", null },
        // Not a zone: no time before it, or inside the subject.
        { La, "meet tomorrow at 3pm about the UTC rollout", "2026-11-27T23:00Z", 30, La, "the UTC rollout" },
        { La, "meet tomorrow at 3pm about London time zones", "2026-11-27T23:00Z", 30, La, "London time zones" },
        // A place and "time": the cities of the zone ids, single-zone countries, large cities IANA does not name.
        { La, "meet tomorrow at 10 London time", "2026-11-27T10:00Z", 30, "Europe/London", null },
        { La, "meet tomorrow at 10 New York time about the launch", "2026-11-27T15:00Z", 30, "America/New_York", "the launch" },
        { La, "meet tomorrow at 3pm Kolkata time", "2026-11-28T09:30Z", 30, Kolkata, null },
        { La, "meet tomorrow at 10am Bangalore time with {A}", "2026-11-28T04:30Z", 30, Kolkata, null },
        { La, "meet tomorrow at 10am India time", "2026-11-28T04:30Z", 30, Kolkata, null },
        { Berlin, "meet tomorrow at 9am Seattle time", "2026-11-27T17:00Z", 30, La, null },
        // "my time" and "local time" are the sender's own zone.
        { La, "meet tomorrow at 10 my time", "2026-11-27T18:00Z", 30, La, null },
        { Berlin, "meet tomorrow at 10 local time", "2026-11-27T09:00Z", 30, "Europe/Berlin", null },
    };

    [Theory]
    [MemberData(nameof(WrittenZones))]
    public void A_zone_written_after_the_time_is_the_zone_the_meeting_is_read_in(string zone, string text, string startUtc, int minutes, string keptIn, string? subject)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, zone)));

        Assert.Equal(At(startUtc), command.Start);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
        Assert.Equal(keptIn, (command.WrittenZone ?? Zone(zone)).Id);
        Assert.EndsWith("(" + keptIn + ")", command.ScheduleDescription, StringComparison.Ordinal);
        Assert.Equal(subject, command.Subject);
        Assert.False(command.TimeZoneAssumed);
    }

    [Theory]
    [InlineData("meet tomorrow at 3pm IST", "“IST” can mean India, Ireland or Israel time")]
    [InlineData("meet tomorrow at 3pm UTC+25", "“UTC+25” is not a time zone I can read")]
    [InlineData("meet tomorrow at 3pm UTC CET", "two different time zones (UTC and Europe/Berlin)")]
    [InlineData("meet tomorrow at 3pm US time", "“US time” has more than one time zone")]
    [InlineData("meet tomorrow at 3pm Australia time", "“Australia time” has more than one time zone")]
    [InlineData("meet tomorrow at 3pm your time", "“your time” does not say which time zone")]
    public void A_zone_that_cannot_be_used_is_explained_and_the_card_keeps_the_senders_zone(string text, string problem)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, La)));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
        Assert.Equal(text.EndsWith("CET", StringComparison.Ordinal) ? "UTC" : La, failure.Understood!.TimeZoneId);
    }

    [Fact]
    public void A_subject_about_a_zone_without_a_time_stays_a_subject()
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input("meet now about UTC migration", La)));

        Assert.Null(command.WrittenZone);
        Assert.Equal("UTC migration", command.Subject);
    }

    /// <summary>Daylight-saving changes: gaps move forward by the gap, overlaps take the earlier (daylight) instant.</summary>
    public static TheoryData<string, string, string, string, int> DaylightSaving => new()
    {
        // Los Angeles springs forward 2026-03-08 02:00 → 03:00; clock: Sat 7 Mar 12:00 PST.
        { La, "2026-03-07T20:00:00Z", "meet tomorrow at 02:30", "2026-03-08T10:30Z", 30 },
        { La, "2026-03-07T20:00:00Z", "meet tomorrow at 2:30am", "2026-03-08T10:30Z", 30 },
        { La, "2026-03-07T20:00:00Z", "meet tomorrow at 3:30am", "2026-03-08T10:30Z", 30 },
        { La, "2026-03-07T20:00:00Z", "meet tomorrow at 1:30am", "2026-03-08T09:30Z", 30 },
        { La, "2026-03-07T20:00:00Z", "meet tomorrow from 1am to 4am", "2026-03-08T09:00Z", 120 },
        { La, "2026-03-07T20:00:00Z", "meet tomorrow at 10", "2026-03-08T17:00Z", 30 },
        { La, "2026-03-07T20:00:00Z", "meet in 24 hours", "2026-03-08T20:00Z", 30 },
        // Los Angeles falls back 2026-11-01 02:00 → 01:00; clock: Sat 31 Oct 12:00 PDT.
        { La, "2026-10-31T19:00:00Z", "meet tomorrow at 1:30am", "2026-11-01T08:30Z", 30 },
        { La, "2026-10-31T19:00:00Z", "meet tomorrow at 01:00", "2026-11-01T08:00Z", 30 },
        { La, "2026-10-31T19:00:00Z", "meet tomorrow from 00:30 to 02:30", "2026-11-01T07:30Z", 180 },
        { La, "2026-10-31T19:00:00Z", "meet tomorrow at 10", "2026-11-01T18:00Z", 30 },
        { La, "2026-10-31T19:00:00Z", "meet today at 5pm", "2026-11-01T00:00Z", 30 },
        // Berlin springs forward 2026-03-29 02:00 → 03:00; clock: Sat 28 Mar 12:00 CET.
        { Berlin, "2026-03-28T11:00:00Z", "meet tomorrow at 02:30", "2026-03-29T01:30Z", 30 },
        { Berlin, "2026-03-28T11:00:00Z", "meet tomorrow at 03:00", "2026-03-29T01:00Z", 30 },
        { Berlin, "2026-03-28T11:00:00Z", "meet tomorrow at 01:59", "2026-03-29T00:59Z", 30 },
        { Berlin, "2026-03-28T11:00:00Z", "meet tomorrow at 10", "2026-03-29T08:00Z", 30 },
        // Berlin falls back 2026-10-25 03:00 → 02:00; clock: Sat 24 Oct 12:00 CEST.
        { Berlin, "2026-10-24T10:00:00Z", "meet tomorrow at 02:30", "2026-10-25T00:30Z", 30 },
        { Berlin, "2026-10-24T10:00:00Z", "meet tomorrow from 01:30 to 03:30", "2026-10-24T23:30Z", 180 },
        { Berlin, "2026-10-24T10:00:00Z", "meet tomorrow at 10", "2026-10-25T09:00Z", 30 },
        // Lord Howe springs forward half an hour 2026-10-04 02:00 → 02:30; clock: Sat 3 Oct 12:00 (+10:30).
        { LordHowe, "2026-10-03T01:30:00Z", "meet tomorrow at 02:15", "2026-10-03T15:45Z", 30 },
        { LordHowe, "2026-10-03T01:30:00Z", "meet tomorrow at 02:30", "2026-10-03T15:30Z", 30 },
        { LordHowe, "2026-10-03T01:30:00Z", "meet tomorrow at 01:30", "2026-10-03T15:00Z", 30 },
        { LordHowe, "2026-10-03T01:30:00Z", "meet tomorrow from 01:30 to 03:00", "2026-10-03T15:00Z", 60 },
        // Lord Howe falls back half an hour 2027-04-04 02:00 → 01:30; clock: Sat 3 Apr 12:00 (+11:00).
        { LordHowe, "2027-04-03T01:00:00Z", "meet tomorrow at 01:45", "2027-04-03T14:45Z", 30 },
        { LordHowe, "2027-04-03T01:00:00Z", "meet tomorrow at 02:00", "2027-04-03T15:30Z", 30 },
        { LordHowe, "2027-04-03T01:00:00Z", "meet tomorrow from 01:00 to 03:00", "2027-04-03T14:00Z", 150 },
        // Kolkata has no daylight saving: the same wall time is the same offset all year.
        { Kolkata, "2026-03-28T11:00:00Z", "meet tomorrow at 02:30", "2026-03-28T21:00Z", 30 },
        { Kolkata, "2026-10-24T10:00:00Z", "meet tomorrow at 02:30", "2026-10-24T21:00Z", 30 },
    };

    [Theory]
    [MemberData(nameof(DaylightSaving))]
    public void Daylight_saving_gaps_and_overlaps(string zone, string now, string text, string startUtc, int minutes)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, zone, now)));

        Assert.Equal(At(startUtc), command.Start);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
    }

    /// <summary>zone, now, locale, text → failure kind, whether a scheduling card is wanted.</summary>
    public static TheoryData<string, string, string, string, ParseFailureKind, bool> Failures => new()
    {
        { La, Thu22, "en-US", "meet today at 9am", ParseFailureKind.TimeInPast, false },
        { La, Thu22, "en-US", "meet today at 13:58", ParseFailureKind.TimeInPast, false },
        { La, Thu22, "en-US", "meet yesterday at 3pm", ParseFailureKind.TimeInPast, false },
        { La, Thu22, "en-US", "meet on Nov 20 at 3pm", ParseFailureKind.TimeInPast, false },
        { La, Thu22, "en-US", "meet 2026-11-01 10:00", ParseFailureKind.TimeInPast, false },
        { "UTC", YearEnd, "en-US", "meet on Dec 30 at 10", ParseFailureKind.TimeInPast, false },
        { La, Thu22, "en-US", "meet from 3pm to 2pm", ParseFailureKind.EndBeforeStart, false },
        { La, Thu22, "en-US", "meet tomorrow from 15:00 to 15:00", ParseFailureKind.EndBeforeStart, false },
        { La, Thu22, "en-US", "meet from 2 to 3pm for 2 hours", ParseFailureKind.DurationConflict, false },
        { La, Thu22, "en-US", "meet tomorrow 10-11 for 30 min", ParseFailureKind.DurationConflict, false },
        { La, Thu22, "en-US", "meet tomorrow at 3pm for 25 hours", ParseFailureKind.TooLong, false },
        { La, Thu22, "en-US", "meet tomorrow at 3pm for 0 minutes", ParseFailureKind.TooShort, false },
        { La, Thu22, "en-US", "meet on Nov 26 2028 at 10", ParseFailureKind.TooFarAhead, false },
        { La, Thu22, "en-US", "meet 2030-01-01 10:00", ParseFailureKind.TooFarAhead, false },
        { "UTC", Thu22, "en-US", "meet Feb 29 at 10", ParseFailureKind.TooFarAhead, false },
        { La, Thu22, "en-US", "meet tomorrow-ish", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet tomorrow", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet on Friday with {A}", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet at 25:00", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet at 14:75", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet at 13pm", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet on the 31st of February", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet on Feb 30 at 10", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet 2026-13-01 10:00", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet 2027-02-29 10:00", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet next week", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet this afternoon", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet at 3pm at 4pm", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet tomorrow on Friday at 3pm", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet in 20 minutes at 3pm", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet at 3pm soonish", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet at 15300", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet tomorrow-ish for 90 min", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet 99/99 at 3pm", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet on Monday 27 Nov at 10", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet tomorrow at 3pm IST", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet tomorrow at 3pm UTC+25", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet tomorrow at 3pm UTC+2:10", ParseFailureKind.UnreadableTime, true },
        { La, Thu22, "en-US", "meet tomorrow at 3pm UTC CET", ParseFailureKind.UnreadableTime, true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Impossible_and_unreadable_times(string zone, string now, string locale, string text, ParseFailureKind kind, bool card)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, zone, now, locale)));

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(card, failure.NeedsSchedulingCard);
        Assert.NotNull(failure.Understood);
        Assert.Contains("“", failure.Message, StringComparison.Ordinal);

        // The suggestion is itself a valid, future meeting command.
        var retry = CommandParser.Parse(Input(failure.Suggestion, zone, now, locale));
        Assert.IsType<CreateMeetingCommand>(retry);
    }

    [Fact]
    public void An_unreadable_time_keeps_what_was_understood_for_the_card()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input("meet tomorrow with {A} about the migration for 45 min", La)));

        Assert.True(failure.NeedsSchedulingCard);
        var draft = failure.Understood!;
        Assert.Equal(new DateOnly(2026, 11, 27), draft.Date);
        Assert.Null(draft.Time);
        Assert.Equal(TimeSpan.FromMinutes(45), draft.Duration);
        Assert.Equal("the migration", draft.Subject);
        Assert.Equal("Alice Anders", Names(draft.Attendees));
        Assert.Equal(La, draft.TimeZoneId);
    }

    [Fact]
    public void A_time_in_the_past_says_what_was_understood_and_suggests_the_next_day()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input("meet today at 9am with {A}", La)));

        Assert.Equal(ParseFailureKind.TimeInPast, failure.Kind);
        Assert.Equal("meet tomorrow at 09:00 for 30 min with @Alice Anders", failure.Suggestion);
        Assert.Contains("Thu 26 Nov 2026", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new TimeOnly(9, 0), failure.Understood!.Time);
    }

    [Theory]
    [InlineData("meet at 25 o'clock", "“25 o'clock” is not a time of day", null, null)]
    [InlineData("meet at 25 o'clock about the failover", "“25 o'clock” is not a time of day", " I understood about “the failover”.", "the failover")]
    [InlineData("meet at 25 o'clock for 45 min", "“25 o'clock” is not a time of day", " I understood for 45 min.", null)]
    [InlineData("meet today at 9am", "", " I understood Thu 26 Nov 2026, 09:00", null)]
    public void A_failure_says_only_what_the_message_said(string text, string problem, string? understood, string? subject)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, La)));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
        if (understood is null)
        {
            Assert.DoesNotContain("I understood", failure.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(understood, failure.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("for 30 min.", failure.Message, StringComparison.Ordinal); // the default length was not said
        Assert.Equal(subject, failure.Understood?.Subject);
    }

    [Fact]
    public void A_conflict_between_end_and_length_is_reported_with_both()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input("meet from 2 to 3pm for 2 hours", La)));

        Assert.Equal(ParseFailureKind.DurationConflict, failure.Kind);
        Assert.Contains("1 h", failure.Message, StringComparison.Ordinal);
        Assert.Contains("2 h", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> Descriptions => new()
    {
        { La, Thu22, "meet tomorrow at 3pm for 45 min", "Fri 27 Nov 15:00–15:45 (America/Los_Angeles)" },
        { Berlin, Thu22, "meet tomorrow 14:00-15:00", "Fri 27 Nov 14:00–15:00 (Europe/Berlin)" },
        { "UTC", YearEnd, "meet at 23:55 for 1h", "Thu 31 Dec 23:55–Fri 1 Jan 2027 00:55 (UTC)" },
        { La, "2026-03-07T20:00:00Z", "meet tomorrow at 02:30", "Sun 8 Mar 03:30–04:00 (America/Los_Angeles)" },
        { LordHowe, "2026-10-03T01:30:00Z", "meet tomorrow at 02:15", "Sun 4 Oct 02:45–03:15 (Australia/Lord_Howe)" },
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Schedule_description_is_in_the_senders_zone(string zone, string now, string text, string description)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, zone, now)));

        Assert.Equal(description, command.ScheduleDescription);
    }

    [Fact]
    public void An_assumed_zone_is_flagged_and_shown()
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input("meet tomorrow at 10", "UTC", assumed: true)));

        Assert.True(command.TimeZoneAssumed);
        Assert.EndsWith("(UTC, assumed)", command.ScheduleDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_offset_zone_from_local_timestamp_schedules_with_that_offset()
    {
        var zone = TimeZoneResolver.Resolve(null, null, DateTimeOffset.Parse("2026-11-26T14:00:00-08:00", CultureInfo.InvariantCulture)).Zone;
        var input = Input("meet tomorrow at 3pm") with { TimeZone = zone };

        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(input));

        Assert.Equal(At("2026-11-27T23:00Z"), command.Start);
        Assert.EndsWith("(UTC-08:00)", command.ScheduleDescription, StringComparison.Ordinal);
    }
}
