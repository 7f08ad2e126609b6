using System.Text.Json.Nodes;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>
/// "reschedule to 4pm", "move it to tomorrow 10am", "make it 30 min" end to end: Graph PATCH with start and end, card
/// updated in place, reply in the sender's zone. A clock time without a day means that time on the meeting's day.
/// </summary>
public sealed class RescheduleTests : IAsyncLifetime
{
    private SchedulingWorld _world = null!;

    public async Task InitializeAsync() => _world = await SchedulingWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    public static TheoryData<string, string, string, DateTimeOffset, DateTimeOffset, string> Changes => new()
    {
        // Now is Wed 4 Mar 2026 16:00 UTC: 08:00 in Los Angeles (PST), 17:00 in Berlin, 21:30 in Kolkata.
        { "America/Los_Angeles", "meet at 3pm for 45 min about the release", "reschedule to 4pm", At(3, 5, 0, 0), At(3, 5, 0, 45), "Wed 4 Mar 16:00–16:45 (America/Los_Angeles)" },
        { "America/Los_Angeles", "meet at 3pm for 45 min about the release", "move it to tomorrow 10am", At(3, 5, 18, 0), At(3, 5, 18, 45), "Thu 5 Mar 10:00–10:45 (America/Los_Angeles)" },
        { "America/Los_Angeles", "meet at 3pm for 45 min about the release", "make it 30 min", At(3, 4, 23, 0), At(3, 4, 23, 30), "Wed 4 Mar 15:00–15:30 (America/Los_Angeles)" },
        { "America/Los_Angeles", "meet tomorrow at 9am", "move it to Monday 9am", At(3, 9, 16, 0), At(3, 9, 16, 30), "Mon 9 Mar 09:00–09:30 (America/Los_Angeles)" },
        { "Europe/Berlin", "meet tomorrow at 14:00 for 1h", "reschedule to tomorrow 16:30", At(3, 5, 15, 30), At(3, 5, 16, 30), "Thu 5 Mar 16:30–17:30 (Europe/Berlin)" },
        { "Europe/Berlin", "meet tomorrow at 14:00 for 1h", "push it by 15 min", At(3, 5, 13, 15), At(3, 5, 14, 15), "Thu 5 Mar 14:15–15:15 (Europe/Berlin)" },
        { "Asia/Kolkata", "meet tomorrow at 10:00", "make it 90 min", At(3, 5, 4, 30), At(3, 5, 6, 0), "Thu 5 Mar 10:00–11:30 (Asia/Kolkata)" },

        // A clock time without a day keeps the meeting's day; if that moment has passed, the next one from now.
        { "America/Los_Angeles", "meet tomorrow at 9am", "reschedule to 4pm", At(3, 6, 0, 0), At(3, 6, 0, 30), "Thu 5 Mar 16:00–16:30 (America/Los_Angeles)" },
        // A written zone: 4pm UTC on the meeting's day there (Thu 5 Mar 17:00 UTC).
        { "America/Los_Angeles", "meet tomorrow at 9am", "reschedule to 4pm UTC", At(3, 5, 16, 0), At(3, 5, 16, 30), "Thu 5 Mar 16:00–16:30 (UTC)" },
        { "Europe/Berlin", "meet on Monday at 14:00 for 1h", "move it to 9:30", At(3, 9, 8, 30), At(3, 9, 9, 30), "Mon 9 Mar 09:30–10:30 (Europe/Berlin)" },
        { "America/Los_Angeles", "meet at 3pm for 45 min", "reschedule to 7am", At(3, 5, 15, 0), At(3, 5, 15, 45), "Thu 5 Mar 07:00–07:45 (America/Los_Angeles)" },

        // A day without a time keeps the meeting's time of day; a day count moves it.
        { "America/Los_Angeles", "meet at 3pm for 45 min", "move it to Friday", At(3, 6, 23, 0), At(3, 6, 23, 45), "Fri 6 Mar 15:00–15:45 (America/Los_Angeles)" },
        { "Europe/Berlin", "meet tomorrow at 14:00 for 1h", "reschedule to same time next Tuesday", At(3, 10, 13, 0), At(3, 10, 14, 0), "Tue 10 Mar 14:00–15:00 (Europe/Berlin)" },
        { "Europe/Berlin", "meet tomorrow at 14:00 for 1h", "push it a day", At(3, 6, 13, 0), At(3, 6, 14, 0), "Fri 6 Mar 14:00–15:00 (Europe/Berlin)" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_typed_change_patches_start_and_end_updates_the_card_and_answers_in_the_senders_zone(
        string zone, string create, string change, DateTimeOffset start, DateTimeOffset end, string expectedReply)
    {
        string createdId = await _world.SayAsync(create, zone);
        var (cardId, _) = _world.SingleCardReplyTo(createdId);

        string changeId = await _world.SayAsync(change, zone);

        var patch = Assert.Single(await _world.GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["startDateTime"] is not null);
        Assert.Equal(start, SchedulingWorld.Instant(patch.Body!["startDateTime"]));
        Assert.Equal(end, SchedulingWorld.Instant(patch.Body["endDateTime"]));
        var update = Assert.Single(_world.Connector.UpdatedActivities);
        Assert.Equal(cardId, update.Activity.Id);
        var card = update.Activity.Attachments![0].Content!;
        CardValidator.AssertValid(card);
        Assert.Contains("{{DATE(" + start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), SchedulingWorld.Texts(card), StringComparison.Ordinal);
        Assert.Contains("{{TIME(" + end.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), SchedulingWorld.Texts(card), StringComparison.Ordinal);
        var reply = Assert.Single(_world.RepliesTo(changeId));
        Assert.Contains(expectedReply, reply.Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_into_the_past_is_refused_and_nothing_is_patched()
    {
        await _world.SayAsync("meet tomorrow at 10:00", "Europe/Berlin");

        string changeId = await _world.SayAsync("reschedule to yesterday 10am", "Europe/Berlin");

        Assert.DoesNotContain(await _world.GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["startDateTime"] is not null);
        Assert.Empty(_world.Connector.UpdatedActivities);
        // The reply is the parser's message as it is: what was wrong and the one command to try, quoted once.
        string reply = Assert.Single(_world.RepliesTo(changeId)).Activity.Text!;
        Assert.StartsWith("I couldn't reschedule: that time is already over", reply, StringComparison.Ordinal);
        Assert.Equal(2, reply.Split("“reschedule to ").Length);
        Assert.DoesNotContain("Try:", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_more_than_a_year_ahead_is_refused_and_nothing_is_patched()
    {
        await _world.SayAsync("meet tomorrow at 10:00", "Europe/Berlin");

        string changeId = await _world.SayAsync("push it by 60 weeks", "Europe/Berlin");

        Assert.DoesNotContain(await _world.GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["startDateTime"] is not null);
        Assert.StartsWith("That would move the meeting more than a year ahead", Assert.Single(_world.RepliesTo(changeId)).Activity.Text, StringComparison.Ordinal);
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);
}
