using System.Text.Json.Nodes;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>
/// "list meetings", "what's on tomorrow", "when is the standup": the meetings here still to come, soonest first, with
/// their Join buttons; never a cancelled one, one that is over, or one from another conversation.
/// Now is Wed 4 Mar 2026 16:00 UTC.
/// </summary>
public sealed class ListMeetingsTests : IAsyncLifetime
{
    private SchedulingWorld _world = null!;

    public async Task InitializeAsync() => _world = await SchedulingWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static void AsBob(JsonObject activity) => TestActivities.SetFrom(activity, "29:bob-id", "Bob Brown", PlaygroundTeam.Bob.AadObjectId);

    /// <summary>The retro (Fri), made first, then the budget (tomorrow, Bob invited), a cancelled one, and one in another chat.</summary>
    private async Task MeetingsAsync()
    {
        await _world.SayAsync("meet on Friday at 15:00 about the retro");
        await _world.SayAsync("meet tomorrow at 10:00 with <at>Bob Brown</at> about the budget");
        await _world.SayAsync("meet tomorrow at 12:00 about the offsite");
        await _world.SayAsync("cancel the offsite");
        await _world.SayAsync("meet tomorrow at 9:00 about another chat's plans", change: a => a["conversation"]!["id"] = "19:another-chat@thread.v2");
    }

    private static List<string> Subjects(JsonObject card) =>
        card["body"]!.AsArray().Where(b => (string?)b!["type"] == "Container").Select(c => (string)c!["items"]![0]!["text"]!).ToList();

    [Fact]
    public async Task The_meetings_still_to_come_are_listed_soonest_first_with_their_join_buttons()
    {
        await MeetingsAsync();

        string id = await _world.SayAsync("list meetings");

        var (_, card) = _world.SingleCardReplyTo(id);
        Assert.Equal("Meetings here still to come (2)", (string)card["body"]![0]!["text"]!);
        Assert.Equal(["the budget", "the retro"], Subjects(card));
        var joins = card["body"]!.AsArray().Where(b => (string?)b!["type"] == "Container")
            .Select(c => (string)c!["items"]!.AsArray().Single(i => (string?)i!["type"] == "ActionSet")!["actions"]![0]!["url"]!).ToList();
        Assert.All(joins, url => Assert.StartsWith("https://teams.microsoft.com/", url, StringComparison.Ordinal));
        Assert.Equal(2, joins.Distinct().Count());
        Assert.Contains("Organized by Olivia Organizer · 1 person invited", SchedulingWorld.Texts(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's on tomorrow", "Meetings here still to come that start on Thu 5 Mar (1)", "the budget")]
    [InlineData("when is the retro?", "Meetings here still to come that match “retro” (1)", "the retro")]
    [InlineData("what's next", "The next meeting here", "the budget")]
    [InlineData("meetings with Bob", "Meetings here still to come that match “Bob” (1)", "the budget")]
    public async Task A_question_that_names_a_day_a_subject_or_next_lists_only_those(string question, string heading, string subject)
    {
        await MeetingsAsync();

        string id = await _world.SayAsync(question);

        var (_, card) = _world.SingleCardReplyTo(id);
        Assert.Equal(heading, (string)card["body"]![0]!["text"]!);
        Assert.Equal([subject], Subjects(card));
    }

    /// <summary>"what's the dial-in for the budget?" got "Sorry, I didn't get …": now the meeting with its phone details from Graph.</summary>
    [Fact]
    public async Task A_question_about_the_dial_in_lists_the_meeting_with_its_phone_details()
    {
        await MeetingsAsync();

        string id = await _world.SayAsync("what's the dial-in for the budget?");

        var (_, card) = _world.SingleCardReplyTo(id);
        Assert.Equal(["the budget"], Subjects(card));
        var facts = card["body"]!.AsArray().Where(b => (string?)b!["type"] == "Container")
            .SelectMany(c => c!["items"]!.AsArray()).Where(i => (string?)i!["type"] == "FactSet")
            .SelectMany(f => f!["facts"]!.AsArray()).Select(f => (string)f!["title"]!).ToList();
        Assert.Contains("Dial in", facts);
        Assert.Contains("Conference ID", facts);
    }

    [Fact]
    public async Task A_question_nothing_fits_says_so_and_how_many_there_are()
    {
        await MeetingsAsync();

        string id = await _world.SayAsync("when is the standup");

        Assert.Equal("No meetings here still to come match “standup”. There are 2 in all: say “list meetings” to see them.", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Fact]
    public async Task With_no_meetings_the_answer_says_how_to_make_one()
    {
        string id = await _world.SayAsync("any meetings today?");

        Assert.Equal("There are no meetings still to come in this conversation. Say “meet now”, or “meet tomorrow at 10 about the budget”, to set one up.", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Fact]
    public async Task My_meetings_are_those_I_organized_or_am_invited_to()
    {
        await MeetingsAsync();

        string id = await _world.SayAsync("my meetings", change: AsBob);

        var (_, card) = _world.SingleCardReplyTo(id);
        Assert.Equal("Your meetings here still to come (1)", (string)card["body"]![0]!["text"]!);
        Assert.Equal(["the budget"], Subjects(card));
    }

    [Fact]
    public async Task A_meeting_under_way_is_listed_until_it_ends()
    {
        await _world.SayAsync("meet now about the outage");
        _world.Time.Advance(TimeSpan.FromMinutes(20));

        string during = await _world.SayAsync("list meetings");
        _world.Time.Advance(TimeSpan.FromMinutes(11));
        string after = await _world.SayAsync("list meetings");

        var (_, card) = _world.SingleCardReplyTo(during);
        Assert.Equal(["the outage"], Subjects(card));
        Assert.StartsWith("Now, until", (string)card["body"]![1]!["items"]![1]!["text"]!, StringComparison.Ordinal);
        Assert.StartsWith("There are no meetings still to come", Assert.Single(_world.RepliesTo(after)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_list_shows_ten_and_says_how_many_more()
    {
        for (int day = 5; day <= 16; day++)
        {
            await _world.SayAsync($"meet on {day} March at 10:00 about planning round {day}");
        }

        string id = await _world.SayAsync("list meetings");

        var (_, card) = _world.SingleCardReplyTo(id);
        Assert.Equal("Meetings here still to come (12)", (string)card["body"]![0]!["text"]!);
        Assert.Equal(10, Subjects(card).Count);
        Assert.Contains("and 2 more: name a day to see them", SchedulingWorld.Texts(card), StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) < 28 * 1024);
    }

    private static void InAChannelThread(JsonObject activity, string thread, string channel = "19:incidents@thread.tacv2")
    {
        activity["conversation"]!["conversationType"] = "channel";
        activity["conversation"]!["id"] = channel + ";messageid=" + thread;
    }

    /// <summary>
    /// A channel's threads are conversations of their own, and people ask from a new post about a meeting made in another
    /// thread. Before, "list meetings" there found nothing and "cancel the standup" said there was no meeting.
    /// </summary>
    [Fact]
    public async Task From_a_new_post_in_a_channel_the_meetings_of_its_other_threads_are_listed_cancelled_and_moved()
    {
        await _world.SayAsync("meet tomorrow at 10:00 about the standup", change: a => InAChannelThread(a, "1001"));
        await _world.SayAsync("meet tomorrow at 11:00 about the retro", change: a => InAChannelThread(a, "1003"));
        await _world.SayAsync("meet tomorrow at 12:00 about another channel", change: a => InAChannelThread(a, "2001", "19:other@thread.tacv2"));
        await _world.SayAsync("meet tomorrow at 13:00 about a chat");

        string list = await _world.SayAsync("list meetings", change: a => InAChannelThread(a, "1002"));
        var (_, card) = _world.SingleCardReplyTo(list);
        Assert.Equal(["the standup", "the retro"], Subjects(card));

        string move = await _world.SayAsync("move the retro to 16:00", change: a => InAChannelThread(a, "1002"));
        Assert.StartsWith("Done: \"the retro\" is now", Assert.Single(_world.RepliesTo(move)).Activity.Text, StringComparison.Ordinal);

        string cancel = await _world.SayAsync("cancel the standup", change: a => InAChannelThread(a, "1004"));
        Assert.Equal("Cancelled \"the standup\".", Assert.Single(_world.RepliesTo(cancel)).Activity.Text);
        Assert.Single(await _world.GraphRequestsAsync(), r => r.Method == "DELETE");

        // The standup's card is updated in its own thread.
        Assert.Contains(_world.Connector.UpdatedActivities, u => u.ConversationId == "19:incidents@thread.tacv2;messageid=1001" && u.Json.Contains("Cancelled: the standup", StringComparison.Ordinal));

        // Both records changed where they are kept: the list from yet another thread shows the retro at 16:00, without the standup.
        string after = await _world.SayAsync("list meetings", change: a => InAChannelThread(a, "1005"));
        var (_, now) = _world.SingleCardReplyTo(after);
        Assert.Equal(["the retro"], Subjects(now));
        Assert.Contains("2026-03-05T16:00:00Z", now.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_of_another_tenant_with_the_same_id_sees_none_of_them()
    {
        await _world.SayAsync("meet tomorrow at 10:00 about the standup", change: a => InAChannelThread(a, "1001"));

        string id = await _world.SayAsync("list meetings", change: a =>
        {
            InAChannelThread(a, "1002");
            a["conversation"]!["tenantId"] = "99999999-9999-9999-9999-999999999999";
            a["channelData"]!["tenant"]!["id"] = "99999999-9999-9999-9999-999999999999";
        });

        Assert.StartsWith("There are no meetings still to come", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }
}
