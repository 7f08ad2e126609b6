using System.Text.Json.Nodes;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>
/// "invite @bob", "remove alice", "rename it to …": who is invited to a meeting still to come, and its subject, change in
/// Teams (one PATCH: Graph replaces the attendee list as a whole), in storage and on the card. These used to get
/// "Sorry, I didn't get …" ("invite @bob too", "rename it"), ring people into a call there was not ("add @bob to the
/// meeting"), or cancel the whole meeting ("remove @bob from the meeting" named the meeting with Bob).
/// Olivia organizes. Now is Wed 4 Mar 2026 16:00 UTC.
/// </summary>
public sealed class ChangeMeetingTests : IAsyncLifetime
{
    private SchedulingWorld _world = null!;

    public async Task InitializeAsync() => _world = await SchedulingWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<List<RecordedGraphRequestView>> PatchesAsync() =>
        (await _world.GraphRequestsAsync()).Where(r => r.Method == "PATCH" && r.Body?["lobbyBypassSettings"] is null)
            .Select(r => new RecordedGraphRequestView(r.Path, r.Body!.AsObject())).ToList();

    private sealed record RecordedGraphRequestView(string Path, JsonObject Body);

    private static List<string> AttendeeIds(JsonObject body) =>
        [.. body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).Order()];

    private async Task<string> BudgetWithAliceAsync() => await _world.SayAsync("meet tomorrow at 10:00 with <at>Alice Anders</at> about the budget");

    private string LastCardText() => SchedulingWorld.Texts(_world.Connector.UpdatedActivities[^1].Activity.Attachments![0].Content);

    [Theory]
    [InlineData("invite <at>Bob Brown</at>")]
    [InlineData("add <at>Bob Brown</at> to the meeting")]
    [InlineData("please invite <at>Bob Brown</at> too")]
    [InlineData("invite bob")]
    [InlineData("add bob to the budget meeting")]
    [InlineData("add Bob Brown to tomorrow's meeting")]
    public async Task Inviting_someone_sends_the_whole_attendee_list_and_updates_the_card(string command)
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync(command);

        var patch = Assert.Single(await PatchesAsync());
        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!, PlaygroundTeam.Bob.AadObjectId!], AttendeeIds(patch.Body));
        Assert.Null(patch.Body["participants"]!["organizer"]);
        Assert.Equal("Invited Bob Brown to \"the budget\". The card above shows who is invited.", Assert.Single(_world.RepliesTo(id)).Activity.Text);
        Assert.Contains("Bob Brown", LastCardText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remove <at>Alice Anders</at> from the meeting")]
    [InlineData("uninvite alice")]
    [InlineData("take alice off the invite")]
    [InlineData("remove alice from the budget meeting")]
    public async Task Taking_someone_off_sends_the_list_without_them_and_never_cancels_the_meeting(string command)
    {
        await _world.SayAsync("meet tomorrow at 10:00 with <at>Alice Anders</at> and <at>Bob Brown</at> about the budget");

        string id = await _world.SayAsync(command);

        Assert.DoesNotContain(await _world.GraphRequestsAsync(), r => r.Method == "DELETE");
        var patch = Assert.Single(await PatchesAsync());
        Assert.Equal([PlaygroundTeam.Bob.AadObjectId!], AttendeeIds(patch.Body));
        Assert.Equal("Took Alice Anders off the invite to \"the budget\". The card above shows who is invited.", Assert.Single(_world.RepliesTo(id)).Activity.Text);
        Assert.DoesNotContain("Alice Anders", LastCardText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rename it to Q4 planning", "Q4 planning")]
    [InlineData("rename the meeting \"Q4 planning\"", "Q4 planning")]
    [InlineData("change the subject to “Q4 planning”.", "Q4 planning")]
    [InlineData("rename the budget meeting to budget review", "budget review")]
    public async Task Renaming_changes_the_subject_in_Teams_on_the_card_and_in_the_list(string command, string subject)
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync(command);

        var patch = Assert.Single(await PatchesAsync());
        Assert.Equal(subject, (string)patch.Body["subject"]!);
        Assert.Single(patch.Body);
        Assert.Equal($"Renamed \"the budget\" to \"{subject}\". The card above shows the new subject.", Assert.Single(_world.RepliesTo(id)).Activity.Text);
        Assert.Contains(subject, LastCardText(), StringComparison.Ordinal);
        string list = await _world.SayAsync("list meetings");
        Assert.Contains(subject, SchedulingWorld.Texts(_world.SingleCardReplyTo(list).Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_already_invited_or_not_invited_changes_nothing_and_says_so()
    {
        await BudgetWithAliceAsync();

        string invited = await _world.SayAsync("invite <at>Alice Anders</at>");
        string notThere = await _world.SayAsync("remove bob from the meeting");

        Assert.Empty(await PatchesAsync());
        Assert.Equal("I changed nothing: Alice Anders (already invited).", Assert.Single(_world.RepliesTo(invited)).Activity.Text);
        Assert.Equal("I changed nothing: bob (not invited).", Assert.Single(_world.RepliesTo(notThere)).Activity.Text);
    }

    [Fact]
    public async Task Inviting_everyone_adds_the_members_not_invited_yet()
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync("invite everyone to the budget meeting");
        string again = await _world.SayAsync("invite everyone");

        var patch = Assert.Single(await PatchesAsync());
        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!, PlaygroundTeam.Bob.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], AttendeeIds(patch.Body));
        Assert.StartsWith("Invited Bob Brown, Carol Chen to \"the budget\".", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
        Assert.Equal("I changed nothing: everyone here is invited already.", Assert.Single(_world.RepliesTo(again)).Activity.Text);
    }

    [Fact]
    public async Task Inviting_the_organizer_changes_nothing_and_says_why()
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync("invite <at>Olivia Organizer</at>");

        Assert.Empty(await PatchesAsync());
        Assert.Equal("I changed nothing: you organize the meeting, so you're in it anyway.", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Fact]
    public async Task A_meeting_under_way_is_not_changed_and_the_answer_says_what_works_instead()
    {
        await _world.SayAsync("meet now with <at>Alice Anders</at> about the failover");

        string id = await _world.SayAsync("invite <at>Bob Brown</at>");

        Assert.Empty(await PatchesAsync());
        Assert.StartsWith("\"the failover\" has already started, and Teams doesn't change who is invited once a meeting is under way, so I changed nothing. Anyone in your organization can join with the link",
            Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    /// <summary>Graph applies no new times to a meeting in progress; the bot used to PATCH them and show the change on the card.</summary>
    [Theory]
    [InlineData("push it by 10 min")]
    [InlineData("extend by 15 min")]
    [InlineData("make it an hour")]
    public async Task A_meeting_under_way_keeps_its_times_and_the_answer_says_why(string command)
    {
        await _world.SayAsync("meet now about the failover");
        int updates = _world.Connector.UpdatedActivities.Count;

        string id = await _world.SayAsync(command);

        Assert.Empty(await PatchesAsync());
        Assert.Equal(updates, _world.Connector.UpdatedActivities.Count);
        Assert.StartsWith("\"the failover\" has already started, and Teams doesn't change the times of a meeting under way, so I changed nothing.",
            Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_organizer_changes_a_meeting()
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync("rename it to mine now", change: a => TestActivities.SetFrom(a, "29:bob-id", "Bob Brown", PlaygroundTeam.Bob.AadObjectId));

        Assert.Empty(await PatchesAsync());
        Assert.StartsWith("You haven't organized a meeting in this conversation", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_two_meetings_and_none_named_the_bot_asks_which_with_an_example_of_this_change()
    {
        await BudgetWithAliceAsync();
        await _world.SayAsync("meet on Friday at 15:00 about the retro");

        string id = await _world.SayAsync("invite bob");

        Assert.Empty(await PatchesAsync());
        Assert.EndsWith("Which one? Say, e.g., “invite bob to the 10:00 meeting”.", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    /// <summary>A correction typed right after the meeting was made ("actually, make it 11:00") changes it; these used to get "Sorry, I didn't get …".</summary>
    [Theory]
    [InlineData("actually, make it 11:00")]
    [InlineData("sorry, I meant 11am")]
    [InlineData("wait, move it to 11")]
    // A new time alone, after a word that corrects, or with "instead" (these got "Sorry, I didn't get …" or "“11” is not a time").
    [InlineData("actually 11")]
    [InlineData("no, 11am")]
    [InlineData("how about 11?")]
    [InlineData("11:00 instead")]
    [InlineData("11am works better")]
    [InlineData("make it 11")]
    [InlineData("can we do 11 instead?")]
    [InlineData("let's meet at 11 instead")]
    [InlineData("meet at 11 instead of 10")]
    [InlineData("move it to 11 instead of 10")]
    public async Task A_correction_right_after_a_meeting_moves_it(string command)
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync(command);

        var patch = Assert.Single(await PatchesAsync());
        Assert.Equal(SchedulingWorld.Instant(JsonValue.Create("2026-03-05T11:00:00Z")), SchedulingWorld.Instant(patch.Body["startDateTime"]));
        Assert.StartsWith("Done: \"the budget\" is now", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    /// <summary>More time, or a week later, in the words people use (these got "Sorry, I didn't get …" or asked which day).</summary>
    [Theory]
    [InlineData("add 15 min", "2026-03-05T10:00:00Z", "2026-03-05T10:45:00Z")]
    [InlineData("we need 10 more min", "2026-03-05T10:00:00Z", "2026-03-05T10:40:00Z")]
    [InlineData("make it 15 min shorter", "2026-03-05T10:00:00Z", "2026-03-05T10:15:00Z")]
    [InlineData("push it to next week", "2026-03-12T10:00:00Z", "2026-03-12T10:30:00Z")]
    [InlineData("start 10 min late", "2026-03-05T10:10:00Z", "2026-03-05T10:40:00Z")]
    public async Task A_change_of_length_or_week_patches_the_times(string command, string start, string end)
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync(command);

        var patch = Assert.Single(await PatchesAsync());
        Assert.Equal(SchedulingWorld.Instant(JsonValue.Create(start)), SchedulingWorld.Instant(patch.Body["startDateTime"]));
        Assert.Equal(SchedulingWorld.Instant(JsonValue.Create(end)), SchedulingWorld.Instant(patch.Body["endDateTime"]));
        Assert.StartsWith("Done: \"the budget\" is now", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    /// <summary>A change to the times the meeting already has sends nothing to Teams (it sent a PATCH and said "Done").</summary>
    [Theory]
    [InlineData("make it 30 min")]
    [InlineData("move it to 10:00")]
    [InlineData("how about 30 min?")]
    public async Task A_change_to_the_same_times_changes_nothing(string command)
    {
        await BudgetWithAliceAsync();
        int updates = _world.Connector.UpdatedActivities.Count;

        string id = await _world.SayAsync(command);

        Assert.Empty(await PatchesAsync());
        Assert.Equal(updates, _world.Connector.UpdatedActivities.Count);
        var reply = Assert.Single(_world.RepliesTo(id)).Activity.Text;
        Assert.StartsWith("\"the budget\" is already ", reply, StringComparison.Ordinal);
        Assert.EndsWith(", so I changed nothing.", reply, StringComparison.Ordinal);
    }

    /// <summary>"instead" with none of the sender's meetings here to move: the meeting is made as the words ask.</summary>
    [Theory]
    [InlineData("let's meet at 11 instead")]
    [InlineData("hmm, meet tomorrow at 11 instead")]
    public async Task Instead_with_no_meeting_to_move_makes_one(string command)
    {
        string id = await _world.SayAsync(command);

        var requests = await _world.GraphRequestsAsync();
        Assert.DoesNotContain(requests, r => r.Method == "PATCH" && r.Body?["lobbyBypassSettings"] is null);
        var create = Assert.Single(requests, r => r.Method == "POST" && r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal));
        Assert.Equal(SchedulingWorld.Instant(JsonValue.Create("2026-03-05T11:00:00Z")), SchedulingWorld.Instant(create.Body!["startDateTime"]));
        Assert.NotEmpty(_world.RepliesTo(id));
    }

    [Theory]
    [InlineData("scratch that")]
    [InlineData("oops, cancel that")]
    public async Task Scratch_that_cancels_the_meeting(string command)
    {
        await BudgetWithAliceAsync();

        string id = await _world.SayAsync(command);

        Assert.Single(await _world.GraphRequestsAsync(), r => r.Method == "DELETE");
        Assert.Equal("Cancelled \"the budget\".", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Fact]
    public async Task Scratch_that_cancels_the_meeting_just_made_when_there_are_several()
    {
        await BudgetWithAliceAsync();
        _world.Time.Advance(TimeSpan.FromMinutes(1));
        await _world.SayAsync("meet on Friday at 15:00 about the retro");

        string id = await _world.SayAsync("scratch that");

        Assert.Single(await _world.GraphRequestsAsync(), r => r.Method == "DELETE");
        Assert.Equal("Cancelled \"the retro\".", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    /// <summary>A correction means the meeting just made, of several still to come (these asked which).</summary>
    [Theory]
    [InlineData("sorry, I meant 16:00", "PATCH")]
    [InlineData("actually, make it 16:00", "PATCH")]
    [InlineData("no, cancel it", "DELETE")]
    public async Task A_correction_means_the_meeting_just_made(string command, string method)
    {
        await BudgetWithAliceAsync();
        _world.Time.Advance(TimeSpan.FromMinutes(1));
        await _world.SayAsync("meet on Friday at 15:00 about the retro");

        string id = await _world.SayAsync(command);

        Assert.Single(await _world.GraphRequestsAsync(), r => r.Method == method && r.Body?["lobbyBypassSettings"] is null);
        Assert.Contains("\"the retro\"", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Graph_refusal_is_explained_and_storage_and_card_keep_the_old_list()
    {
        await BudgetWithAliceAsync();
        int updates = _world.Connector.UpdatedActivities.Count;
        using (var set = await _world.Client.PostAsync("/_local/graph/_behavior", new StringContent("""{"mode":"ServerError","serverErrorStatusCode":500}""", System.Text.Encoding.UTF8, "application/json")))
        {
            set.EnsureSuccessStatusCode();
        }

        string id = await _world.SayAsync("invite <at>Bob Brown</at>");

        Assert.StartsWith("Microsoft Graph had a problem when I tried to change who is invited in Teams (HTTP 500). Please try again in a minute.", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
        Assert.Equal(updates, _world.Connector.UpdatedActivities.Count);
    }
}
