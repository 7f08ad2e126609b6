using System.Net;
using System.Text.Json.Nodes;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.EndToEnd;

/// <summary>
/// People named as text rather than picked from the @ list ("meet now with bob and carol", "@alice" typed, an email
/// address): looked up among the conversation's members; exactly one fit is invited, anything else is said on the card.
/// </summary>
public sealed class TypedNamesTests : IAsyncLifetime
{
    private const string GroupChatId = "19:groupchat-meet@thread.v2";
    private const string PersonalChatId = "a:personal-chat-olivia";

    private static readonly TeamsChannelAccount AliceZhou = new()
    {
        Id = "29:alice-zhou-id", Name = "Alice Zhou", AadObjectId = "aaaaaaaa-0000-0000-0000-000000000009",
        UserPrincipalName = "azhou@contoso.example", Email = "azhou@contoso.example", TenantId = PlaygroundTeam.TenantId,
    };

    private readonly BotHost _bot = new();
    private FakeConnector _connector = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        PlaygroundTeam.AddTo(_connector);
        _client = _bot.CreateLoopbackClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    /// <summary>text → the people invited (Entra ids of the Playground team), the subject Graph was given.</summary>
    public static TheoryData<string, string[], string> Found => new()
    {
        { "meet now with bob and carol", [PlaygroundTeam.Bob.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with Carol Chen about the rollout", [PlaygroundTeam.Carol.AadObjectId!], "the rollout" },
        { "meet now with me and bob", [PlaygroundTeam.Bob.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with bob@contoso.example", [PlaygroundTeam.Bob.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with <at>Alice Anders</at> and chen", [PlaygroundTeam.Alice.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with @bob", [PlaygroundTeam.Bob.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with olivia and bob", [PlaygroundTeam.Bob.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with everyone except bob", [PlaygroundTeam.Alice.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with bob and also carol", [PlaygroundTeam.Bob.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], "Olivia Organizer's meeting" },
        { "meet now with bob as well as carol", [PlaygroundTeam.Bob.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], "Olivia Organizer's meeting" },
    };

    [Theory]
    [MemberData(nameof(Found))]
    public async Task A_name_that_fits_one_member_of_the_chat_invites_them(string text, string[] invited, string subject)
    {
        var body = await MeetAsync(TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> " + text));

        Assert.Equal(invited.Order(), AttendeeIds(body));
        Assert.Equal(subject, (string)body["subject"]!);
        Assert.DoesNotContain(CardTexts(), t => t.StartsWith("Couldn't add", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_that_fits_several_members_invites_none_and_the_card_names_them()
    {
        _connector.AddMember(AliceZhou, GroupChatId);

        var body = await MeetAsync(TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with alice and bob"));

        Assert.Equal([PlaygroundTeam.Bob.AadObjectId!], AttendeeIds(body));
        var note = Assert.Single(CardTexts(), t => t.StartsWith("Couldn't add", StringComparison.Ordinal));
        Assert.Equal("Couldn't add: alice (2 people here go by that name, Alice Anders, Alice Zhou: @mention the one you mean)", note);
    }

    [Fact]
    public async Task A_whole_name_wins_over_a_first_name()
    {
        _connector.AddMember(AliceZhou, GroupChatId);

        var body = await MeetAsync(TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with alice zhou"));

        Assert.Equal([AliceZhou.AadObjectId!], AttendeeIds(body));
    }

    [Fact]
    public async Task A_typed_at_name_in_a_personal_chat_is_not_found_and_the_meeting_is_made_without_them()
    {
        // The Playground's personal chat holds only its user (shared/playground-captures/connector-calls-from-bot.json).
        _connector.OnlyMembers(PersonalChatId, PlaygroundTeam.Olivia);
        var activity = TestActivities.Load("playground-captures", "to-bot-03-message-personal-meet-now.json", _connector.ServiceUrl);

        var body = await MeetAsync(activity);

        Assert.Empty(AttendeeIds(body));
        var note = Assert.Single(CardTexts(), t => t.StartsWith("Couldn't add", StringComparison.Ordinal));
        Assert.Equal("Couldn't add: @alice (no one in this conversation goes by that name: @mention people from the list so Teams knows who they are)", note);
        Assert.Contains("No one was invited: share the link.", CardTexts());
        Assert.Contains(_connector.Requests, r => r.Method == "GET" && r.Path.Contains("/conversations/" + PersonalChatId + "/pagedmembers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_members_cannot_be_read_the_meeting_is_still_made_and_the_card_says_why()
    {
        _connector.Respond(r => r.Method == "GET" && r.Path.Contains("/pagedmembers", StringComparison.Ordinal) ? FakeResponse.Error(403, "BotNotInConversationRoster") : null);

        var body = await MeetAsync(TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at> and bob"));

        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!], AttendeeIds(body));
        var note = Assert.Single(CardTexts(), t => t.StartsWith("Couldn't add", StringComparison.Ordinal));
        Assert.Equal("Couldn't add: bob (Teams answered HTTP 403 when I asked who is in this conversation, so I couldn't look this name up: @mention people from the list instead)", note);
    }

    [Fact]
    public async Task Without_typed_names_the_members_are_not_read()
    {
        await MeetAsync(TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at> about the budget"));

        Assert.DoesNotContain(_connector.Requests, r => r.Path.Contains("/pagedmembers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_members_read_for_one_name_serve_the_next_few_minutes()
    {
        await MeetAsync(TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with bob"));

        using var again = await TestActivities.PostAsync(_client, TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with carol"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_connector.Requests, r => r.Path.Contains("/pagedmembers", StringComparison.Ordinal));
        Assert.Equal(2, _connector.PostedActivities.Count);
    }

    private async Task<JsonObject> MeetAsync(JsonObject activity)
    {
        using var response = await TestActivities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await _client.GetStringAsync("/_local/graph/_requests");
        var requests = System.Text.Json.JsonSerializer.Deserialize(json, LocalGraphJsonContext.Default.IReadOnlyListRecordedGraphRequest)!;
        var create = Assert.Single(requests, r => r.Method == "POST" && r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal));
        return create.Body!.AsObject();
    }

    /// <summary>"… in room 4": the meeting is made (it was refused as "not a time"), and its card says where, and that no room was booked.</summary>
    [Fact]
    public async Task A_place_given_with_the_meeting_is_on_its_card_with_word_that_no_room_was_booked()
    {
        var body = await MeetAsync(TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with bob in room 4 about the budget"));

        Assert.Equal([PlaygroundTeam.Bob.AadObjectId!], AttendeeIds(body));
        Assert.Equal("the budget", (string)body["subject"]!);
        Assert.Contains("Where: room 4. I don't book rooms: add one in Outlook or the Teams calendar; the join link works for everyone else.", CardTexts());
    }

    private static List<string> AttendeeIds(JsonObject body) =>
        (body["participants"]!["attendees"]?.AsArray() ?? []).Select(a => (string)a!["identity"]!["user"]!["id"]!).Order().ToList();

    private List<string> CardTexts()
    {
        var posted = Assert.Single(_connector.PostedActivities);
        var card = Assert.Single(posted.Activity.Attachments!).Content!.AsObject();
        CardValidator.AssertValid(card);
        return card["body"]!.AsArray().Select(b => (string?)b!["text"]).OfType<string>().ToList();
    }
}
