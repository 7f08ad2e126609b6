using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>
/// "cancel" and "reschedule", typed, when the sender has more than one meeting here: the one the message names by its day,
/// time, subject, "last" or "next" is the one changed; when several fit or none is named, the bot lists them and asks, and
/// changes nothing.
/// Now is Wed 4 Mar 2026 16:00 UTC.
/// </summary>
public sealed class WhichMeetingTests : IAsyncLifetime
{
    private SchedulingWorld _world = null!;

    public async Task InitializeAsync() => _world = await SchedulingWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<IReadOnlyList<string>> DeletedAsync() =>
        (await _world.GraphRequestsAsync()).Where(r => r.Method == "DELETE").Select(r => r.Path).ToList();

    /// <summary>Two meetings, the retro created after the budget: a plain "cancel" used to cancel the newest, whatever was meant.</summary>
    private async Task TwoMeetingsAsync()
    {
        await _world.SayAsync("meet tomorrow at 10:00 about the budget");
        _world.Time.Advance(TimeSpan.FromMinutes(1));
        await _world.SayAsync("meet on Friday at 15:00 about the retro");
    }

    [Theory]
    [InlineData("cancel tomorrow's meeting", "the budget")]
    [InlineData("cancel the meeting tomorrow", "the budget")]
    [InlineData("cancel the 3pm meeting", "the retro")]
    [InlineData("cancel Friday's meeting", "the retro")]
    [InlineData("cancel the meeting on 5 Mar at 10:00", "the budget")]
    [InlineData("cancel the budget meeting", "the budget")]
    [InlineData("cancel the retro", "the retro")]
    [InlineData("call off the retro, something came up", "the retro")]
    [InlineData("cancel \"the Budget\"", "the budget")]
    [InlineData("cancel my next meeting", "the budget")]
    [InlineData("cancel the last one", "the retro")]
    [InlineData("cancel the meeting I just made", "the retro")]
    [InlineData("cancel the morning meeting", "the budget")]
    [InlineData("cancel the retro on Friday", "the retro")]
    public async Task The_meeting_named_by_its_day_time_subject_or_as_last_or_next_is_the_one_cancelled(string command, string cancelled)
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync(command);

        Assert.Single(await DeletedAsync());
        Assert.Equal($"Cancelled \"{cancelled}\".", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    /// <summary>The list is in the asker's zone, whether or not a day or time was named (it used to be in UTC unless one was).</summary>
    [Theory]
    [InlineData("cancel", "You have 2 meetings here still to come: \"the budget\" (Thu 5 Mar 11:00–11:30 (Europe/Berlin)); \"the retro\" (Fri 6 Mar 16:00–16:30 (Europe/Berlin)). Which one?")]
    [InlineData("move it to 5pm", "You have 2 meetings here still to come: \"the budget\" (Thu 5 Mar 11:00–11:30 (Europe/Berlin)); \"the retro\" (Fri 6 Mar 16:00–16:30 (Europe/Berlin)). Which one?")]
    [InlineData("cancel the standup", "None of your meetings here matches “standup”, so I cancelled nothing. Yours still to come: \"the budget\" (Thu 5 Mar 11:00–11:30 (Europe/Berlin))")]
    public async Task The_meetings_listed_are_in_the_askers_zone(string command, string reply)
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync(command, zone: "Europe/Berlin");

        Assert.StartsWith(reply, Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cancel", "You have 2 meetings here still to come: \"the budget\" (Thu 5 Mar 10:00–10:30 (UTC)); \"the retro\" (Fri 6 Mar 15:00–15:30 (UTC)). Which one?")]
    [InlineData("cancel the meeting at 9pm", "None of your meetings here starts at 21:00, so I cancelled nothing. Yours still to come: \"the budget\"")]
    public async Task Without_a_single_fitting_meeting_nothing_is_deleted_and_the_meetings_are_listed(string command, string reply)
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync(command);

        Assert.Empty(await DeletedAsync());
        string text = Assert.Single(_world.RepliesTo(id)).Activity.Text!;
        Assert.StartsWith(reply, text, StringComparison.Ordinal);
        Assert.Contains("“cancel the meeting on 5 Mar at 10:00”", text, StringComparison.Ordinal);
    }

    /// <summary>"cancel all my meetings", "cancel both": each of them (these listed the meetings and asked which one).</summary>
    [Theory]
    [InlineData("cancel all my meetings")]
    [InlineData("cancel both")]
    [InlineData("cancel them all")]
    [InlineData("cancel everything")]
    [InlineData("delete all meetings")]
    public async Task Cancel_all_cancels_each_of_the_senders_meetings_still_to_come(string command)
    {
        await TwoMeetingsAsync();
        await _world.SayAsync("meet tomorrow at 12:00 about Bob's own plans", change: a => TestActivities.SetFrom(a, "29:bob-id", "Bob Brown", PlaygroundTeam.Bob.AadObjectId));

        string id = await _world.SayAsync(command);

        Assert.Equal(2, (await DeletedAsync()).Count);
        Assert.Equal("Cancelled 2 meetings: \"the budget\" (Thu 5 Mar 10:00–10:30 (UTC)); \"the retro\" (Fri 6 Mar 15:00–15:30 (UTC)).", Assert.Single(_world.RepliesTo(id)).Activity.Text);
        Assert.Equal(2, _world.Connector.UpdatedActivities.Count(u => u.Activity.Attachments?.Single().Content?.ToJsonString().Contains("Cancelled: ", StringComparison.Ordinal) == true));
    }

    [Theory]
    [InlineData("cancel all meetings tomorrow", 1, "Cancelled \"the budget\" (Thu 5 Mar 10:00–10:30 (UTC)).")]
    [InlineData("cancel all the retros", 1, "Cancelled \"the retro\" (Fri 6 Mar 15:00–15:30 (UTC)).")]
    [InlineData("cancel all meetings on Monday", 0, "None of your meetings here still to come starts on Mon 9 Mar, so I cancelled nothing.")]
    [InlineData("cancel the all hands", 0, "None of your meetings here matches “hands”, so I cancelled nothing.")]
    public async Task Cancel_all_with_a_day_or_subject_cancels_only_those_that_fit(string command, int deleted, string reply)
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync(command);

        Assert.Equal(deleted, (await DeletedAsync()).Count);
        Assert.StartsWith(reply, Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_all_of_more_than_ten_meetings_cancels_none_and_asks_to_narrow()
    {
        for (int day = 5; day <= 15; day++)
        {
            await _world.SayAsync($"meet on {day} Mar at 10:00 about planning {day}");
        }

        string id = await _world.SayAsync("cancel all my meetings");

        Assert.Empty(await DeletedAsync());
        Assert.StartsWith("That's 11 meetings; I cancel up to 10 at once, so I cancelled nothing.", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggested_command_cancels_the_meeting_it_names()
    {
        await TwoMeetingsAsync();
        await _world.SayAsync("cancel");

        string id = await _world.SayAsync("cancel the meeting on 5 Mar at 10:00");

        Assert.Single(await DeletedAsync());
        Assert.Equal("Cancelled \"the budget\".", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Theory]
    [InlineData("move tomorrow's meeting to 11:00", "the budget", "2026-03-05T11:00:00Z")]
    [InlineData("move the 3pm meeting to 4pm", "the retro", "2026-03-06T16:00:00Z")]
    [InlineData("push Friday's meeting by 15 min", "the retro", "2026-03-06T15:15:00Z")]
    [InlineData("move the budget meeting to 11:00", "the budget", "2026-03-05T11:00:00Z")]
    [InlineData("push the retro by 15 min", "the retro", "2026-03-06T15:15:00Z")]
    [InlineData("bring forward the retro by 30 min", "the retro", "2026-03-06T14:30:00Z")]
    [InlineData("move my next meeting to 11:00", "the budget", "2026-03-05T11:00:00Z")]
    [InlineData("move my 10am to 11", "the budget", "2026-03-05T11:00:00Z")]
    [InlineData("push the 3pm to 4", "the retro", "2026-03-06T16:00:00Z")]
    [InlineData("move the meeting from 10:00 to 12:30", "the budget", "2026-03-05T12:30:00Z")]
    [InlineData("move it from Friday to Monday", "the retro", "2026-03-09T15:00:00Z")]
    public async Task A_typed_change_moves_the_meeting_named_by_its_day_time_or_subject(string command, string moved, string newStart)
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync(command);

        var patch = Assert.Single(await _world.GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["startDateTime"] is not null);
        Assert.Equal(DateTimeOffset.Parse(newStart, System.Globalization.CultureInfo.InvariantCulture), SchedulingWorld.Instant(patch.Body!["startDateTime"]));
        Assert.StartsWith($"Done: \"{moved}\" is now", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_change_that_does_not_say_which_of_several_meetings_changes_nothing_and_asks()
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync("reschedule to 4pm");

        Assert.DoesNotContain(await _world.GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["startDateTime"] is not null);
        string text = Assert.Single(_world.RepliesTo(id)).Activity.Text!;
        Assert.StartsWith("You have 2 meetings here still to come: \"the budget\"", text, StringComparison.Ordinal);
        Assert.Contains("“move the 10:00 meeting to 11:00”", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_one_meeting_still_to_come_a_plain_cancel_cancels_it()
    {
        await _world.SayAsync("meet tomorrow at 10:00 about the budget");

        string id = await _world.SayAsync("cancel");

        Assert.Single(await DeletedAsync());
        Assert.Equal("Cancelled \"the budget\".", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Fact]
    public async Task Make_the_named_meeting_shorter_changes_that_meeting_and_creates_none()
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync("make the retro 15 min");

        var requests = await _world.GraphRequestsAsync();
        Assert.Equal(2, requests.Count(r => r.Path.EndsWith("/createOrGet", StringComparison.Ordinal)));
        var patch = Assert.Single(requests, r => r.Method == "PATCH" && r.Body?["endDateTime"] is not null);
        Assert.Equal(DateTimeOffset.Parse("2026-03-06T15:15:00Z", System.Globalization.CultureInfo.InvariantCulture), SchedulingWorld.Instant(patch.Body!["endDateTime"]));
        Assert.StartsWith("Done: \"the retro\" is now", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    /// <summary>With one meeting to come, a cancel that names another subject used to cancel that one meeting anyway.</summary>
    [Theory]
    [InlineData("cancel the standup", "None of your meetings here matches “standup”, so I cancelled nothing. Yours still to come: \"the budget\"")]
    [InlineData("cancel the retro tomorrow", "None of your meetings here starts on Thu 5 Mar and matches “retro”, so I cancelled nothing.")]
    [InlineData("cancel the meeting on Feb 30", "I couldn't tell which meeting to cancel, so I cancelled nothing: “Feb 30” is not a date in the calendar.")]
    public async Task A_cancel_that_names_a_meeting_there_is_not_cancels_nothing(string command, string reply)
    {
        await _world.SayAsync("meet tomorrow at 10:00 about the budget");

        string id = await _world.SayAsync(command);

        Assert.Empty(await DeletedAsync());
        Assert.StartsWith(reply, Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_meetings_with_the_same_subject_the_one_still_to_come_is_cancelled()
    {
        await _world.SayAsync("meet now about the standup");
        _world.Time.Advance(TimeSpan.FromHours(1));
        await _world.SayAsync("meet tomorrow at 9:00 about the standup");
        _world.Time.Advance(TimeSpan.FromMinutes(1));
        await _world.SayAsync("meet on Friday at 9:00 about the retro");

        string id = await _world.SayAsync("cancel the standup");

        // Each new meeting gets its settings PATCHed at its own path, in order: the second is tomorrow's standup.
        var settings = (await _world.GraphRequestsAsync()).Where(r => r.Method == "PATCH").Select(r => r.Path).ToList();
        Assert.Equal(settings[1], Assert.Single(await DeletedAsync()));
        Assert.Equal("Cancelled \"the standup\".", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Fact]
    public async Task Several_meetings_with_the_words_named_are_listed_and_none_is_cancelled()
    {
        await _world.SayAsync("meet tomorrow at 9:00 about the standup");
        await _world.SayAsync("meet on Friday at 9:00 about the standup");

        string id = await _world.SayAsync("cancel the standup");

        Assert.Empty(await DeletedAsync());
        Assert.StartsWith("You have 2 meetings here that match “standup”: \"the standup\" (Thu 5 Mar 09:00–09:30 (UTC)); \"the standup\" (Fri 6 Mar 09:00–09:30 (UTC)). Which one?",
            Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }
}
