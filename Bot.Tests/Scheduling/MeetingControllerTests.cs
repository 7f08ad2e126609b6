using System.Text.Json.Nodes;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>
/// Who may cancel or change a meeting by typing: its organizer, and the people configured in
/// <c>Meetings:ExtraControllers</c> (incident commanders), who may name any meeting in the conversation. Olivia organizes;
/// Alice is a controller; Bob is neither. Now is Wed 4 Mar 2026 16:00 UTC.
/// </summary>
public sealed class MeetingControllerTests : IAsyncLifetime
{
    private SchedulingWorld _world = null!;

    public async Task InitializeAsync() => _world = await SchedulingWorld.StartAsync(new Dictionary<string, string?>
    {
        ["Meetings:ExtraControllers:0"] = PlaygroundTeam.Alice.AadObjectId,
    });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static void AsAlice(JsonObject activity) => TestActivities.SetFrom(activity, "29:alice-id", "Alice Anders", PlaygroundTeam.Alice.AadObjectId);

    private static void AsBob(JsonObject activity) => TestActivities.SetFrom(activity, "29:bob-id", "Bob Brown", PlaygroundTeam.Bob.AadObjectId);

    private async Task<IReadOnlyList<string>> DeletedAsync() =>
        (await _world.GraphRequestsAsync()).Where(r => r.Method == "DELETE").Select(r => r.Path).ToList();

    private async Task TwoMeetingsAsync()
    {
        await _world.SayAsync("meet tomorrow at 10:00 about the budget");
        await _world.SayAsync("meet on Friday at 15:00 about the incident review");
    }

    [Fact]
    public async Task A_controller_cancels_a_meeting_someone_else_organized_by_naming_it()
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync("cancel the incident review", change: AsAlice);

        Assert.Single(await DeletedAsync());
        Assert.Equal("Cancelled \"the incident review\".", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }

    [Fact]
    public async Task A_controller_who_names_none_of_several_is_asked_which_among_all_of_them()
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync("cancel", change: AsAlice);

        Assert.Empty(await DeletedAsync());
        Assert.StartsWith("There are 2 meetings here still to come: \"the budget\"", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_controller_moves_a_meeting_someone_else_organized()
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync("move the budget meeting to 11:00", change: AsAlice);

        var patch = Assert.Single(await _world.GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["startDateTime"] is not null);
        Assert.Equal(SchedulingWorld.Instant(JsonValue.Create("2026-03-05T11:00:00Z")), SchedulingWorld.Instant(patch.Body!["startDateTime"]));
        Assert.StartsWith("Done: \"the budget\" is now", Assert.Single(_world.RepliesTo(id)).Activity.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("29:alice-id", "Alice Anders", true)]
    [InlineData("29:bob-id", "Bob Brown", false)]
    public async Task The_cards_Cancel_button_works_for_a_controller_and_for_no_one_else_but_the_organizer(string id, string name, bool cancels)
    {
        string said = await _world.SayAsync("meet tomorrow at 10:00 about the budget");
        var (cardId, card) = _world.SingleCardReplyTo(said);
        var cancel = card["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "cancelMeeting");
        var invoke = TestActivities.Invoke(_world.Connector.ServiceUrl, "cancelMeeting", new JsonObject { ["meetingKey"] = (string)cancel!["data"]!["meetingKey"]! }, cardId);
        TestActivities.SetFrom(invoke, id, name, id == "29:alice-id" ? PlaygroundTeam.Alice.AadObjectId : PlaygroundTeam.Bob.AadObjectId);

        var envelope = await TestActivities.PostInvokeAsync(_world.Client, invoke);

        Assert.Equal(cancels ? 1 : 0, (await DeletedAsync()).Count);
        Assert.Contains(cancels ? "Cancelled" : "Only Olivia Organizer", envelope["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cancel the incident review")]
    [InlineData("cancel")]
    [InlineData("cancel tomorrow's meeting")]
    public async Task Someone_who_is_neither_organizer_nor_controller_cancels_nothing_and_sees_no_one_elses_meetings(string command)
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync(command, change: AsBob);

        Assert.Empty(await DeletedAsync());
        string reply = Assert.Single(_world.RepliesTo(id)).Activity.Text!;
        Assert.Equal("You haven't organized a meeting in this conversation that I could cancel.", reply);
    }

    [Fact]
    public async Task A_sender_without_an_Entra_id_cancels_nothing_and_sees_no_meetings()
    {
        await TwoMeetingsAsync();

        string id = await _world.SayAsync("cancel the budget meeting", change: a => TestActivities.SetFrom(a, "29:guest-id", "Guest", aadObjectId: null));

        Assert.Empty(await DeletedAsync());
        Assert.Equal("You haven't organized a meeting in this conversation that I could cancel.", Assert.Single(_world.RepliesTo(id)).Activity.Text);
    }
}
