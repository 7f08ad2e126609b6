using System.Net;
using System.Text.Json.Nodes;
using TeamsMeetBot.Calls;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Calls;

/// <summary>
/// The bot in the meeting's call, end to end in-process: BotHost in local mode, the fake connector, the simulated
/// Graph posting signed notifications back to <c>/api/calls</c>.
/// </summary>
public sealed class CallFlowTests : IAsyncLifetime
{
    private CallTestBot _t = null!;

    public async Task InitializeAsync() => _t = await CallTestBot.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    /// <summary>A meeting with Alice and Bob whose call the bot has joined by the card's button, as the card shows.</summary>
    private async Task<(string CardId, string MeetingKey)> MeetingInCallAsync()
    {
        var (cardId, key, _) = await _t.CreateMeetingAsync();
        await _t.PressAsync(MeetingCard_JoinVerb, key, cardId);
        await _t.WaitForCardAsync(cardId, c => c.Contains("Call in progress", StringComparison.Ordinal));
        return (cardId, key);
    }

    [Fact]
    public async Task Bring_the_bot_in_joins_with_the_meetings_own_coordinates_and_the_card_shows_who_is_in_the_call()
    {
        var (cardId, key, meeting) = await _t.CreateMeetingAsync();
        var firstCard = _t.Connector.PostedActivities[0].Activity.Attachments![0].Content!;
        Assert.Contains(firstCard["actions"]!.AsArray(), a => (string?)a!["verb"] == MeetingCard_JoinVerb && (string?)a["title"] == "Bring the bot in");

        var envelope = await _t.PressAsync(MeetingCard_JoinVerb, key, cardId);

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)envelope["type"]!);
        CardValidator.AssertValid(envelope["value"]!);
        var join = Assert.Single(await _t.JoinRequestsAsync());
        Assert.Equal("#microsoft.graph.serviceHostedMediaConfig", (string)join["mediaConfig"]!["@odata.type"]!);
        Assert.Equal(meeting.ChatThreadId, (string)join["chatInfo"]!["threadId"]!);
        Assert.Equal(meeting.ChatMessageId ?? "0", (string)join["chatInfo"]!["messageId"]!);
        Assert.Equal("#microsoft.graph.organizerMeetingInfo", (string)join["meetingInfo"]!["@odata.type"]!);
        Assert.Equal(PlaygroundTeam.OrganizerAad, (string)join["meetingInfo"]!["organizer"]!["user"]!["id"]!);
        Assert.Equal(PlaygroundTeam.TenantId, (string)join["meetingInfo"]!["organizer"]!["user"]!["tenantId"]!);
        Assert.Equal(PlaygroundTeam.TenantId, (string)join["tenantId"]!);
        Assert.Equal("audio", ((string)join["requestedModalities"]![0]!).ToLowerInvariant());
        Assert.EndsWith("/api/calls", (string)join["callbackUri"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(meeting.JoinWebUrl, join.ToJsonString(), StringComparison.Ordinal);

        var card = await _t.WaitForCardAsync(cardId, c => c.Contains("Call in progress", StringComparison.Ordinal) && c.Contains("Olivia Organizer", StringComparison.Ordinal));
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["verb"] == MeetingCard_RingVerb);
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["verb"] == MeetingCard_LeaveVerb);
        Assert.Contains("{{TIME(", card.ToJsonString(), StringComparison.Ordinal);

        var validator = _t.Bot.Service<GraphSchemaValidator>();
        var sent = (await _t.GraphRequestsAsync()).Where(r => r.Method == "NOTIFY").ToList();
        Assert.True(sent.Count >= 3);
        Assert.All(sent, n => Assert.Null(validator.Validate(n.Body, GraphSchemaDefinitions.CommsNotifications, GraphSchemaKind.Open)));
    }

    [Fact]
    public async Task Typed_join_then_ring_shows_ringing_then_joined_or_did_not_answer()
    {
        var (cardId, _, _) = await _t.CreateMeetingAsync();
        await _t.SayAsync("join");
        await _t.WaitForCardAsync(cardId, c => c.Contains("Call in progress", StringComparison.Ordinal));

        await _t.SayAsync("ring");

        var invite = Assert.Single(await _t.GraphRequestsAsync(), r => r.Method == "POST" && r.Path.EndsWith("/participants/invite", StringComparison.Ordinal));
        var invited = invite.Body!["participants"]!.AsArray().Select(p => (string)p!["identity"]!["user"]!["id"]!).Order().ToList();
        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!, PlaygroundTeam.Bob.AadObjectId!], invited);
        Assert.Contains(_t.Connector.PostedActivities, p => p.Activity.Text?.StartsWith("Ringing ", StringComparison.Ordinal) == true);
        var card = await _t.WaitForCardAsync(cardId, c => c.Contains("Alice Anders: joined", StringComparison.Ordinal) && c.Contains("Bob Brown: did not answer", StringComparison.Ordinal));
        Assert.Contains("In the call (2)", card.ToJsonString(), StringComparison.Ordinal);

        // Alice is in the call; Bob did not answer, so ringing again rings only Bob.
        await _t.SayAsync("ring");
        var invites = (await _t.GraphRequestsAsync()).Where(r => r.Path.EndsWith("/participants/invite", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, invites.Count);
        Assert.Equal(PlaygroundTeam.Bob.AadObjectId, (string)Assert.Single(invites[1].Body!["participants"]!.AsArray())!["identity"]!["user"]!["id"]!);
    }

    [Fact]
    public async Task Ring_with_a_mention_rings_only_that_person()
    {
        var (cardId, _) = await MeetingInCallAsync();

        await _t.SayAsync("ring <at>Alice Anders</at>");

        var invite = Assert.Single(await _t.GraphRequestsAsync(), r => r.Path.EndsWith("/participants/invite", StringComparison.Ordinal));
        Assert.Equal(PlaygroundTeam.Alice.AadObjectId, (string)invite.Body!["participants"]![0]!["identity"]!["user"]!["id"]!);
        await _t.WaitForCardAsync(cardId, c => c.Contains("Alice Anders: joined", StringComparison.Ordinal));
    }

    /// <summary>Before, the words were passed over and "ring bob" rang every attendee not in the call.</summary>
    [Theory]
    [InlineData("ring bob")]
    [InlineData("ring @bob")]
    [InlineData("call bob in")]
    [InlineData("ring Bob Brown please")]
    [InlineData("ring bob@contoso.example")]
    public async Task Ring_with_a_name_typed_as_text_rings_only_that_attendee(string command)
    {
        var (cardId, _) = await MeetingInCallAsync();

        await _t.SayAsync(command);

        var invite = Assert.Single(await _t.GraphRequestsAsync(), r => r.Path.EndsWith("/participants/invite", StringComparison.Ordinal));
        Assert.Equal(PlaygroundTeam.Bob.AadObjectId, (string)Assert.Single(invite.Body!["participants"]!.AsArray())!["identity"]!["user"]!["id"]!);
    }

    /// <summary>
    /// A meeting under way keeps its invite list (Graph does not change it then); with the bot in its call, inviting
    /// someone rings them in. "invite @carol" used to get "Sorry, I didn't get …".
    /// </summary>
    [Theory]
    [InlineData("invite <at>Carol Chen</at>")]
    [InlineData("add carol to the meeting")]
    public async Task Inviting_someone_to_a_meeting_under_way_rings_them_into_its_call(string command)
    {
        var (cardId, _) = await MeetingInCallAsync();

        await _t.SayAsync(command);

        var invite = Assert.Single(await _t.GraphRequestsAsync(), r => r.Path.EndsWith("/participants/invite", StringComparison.Ordinal));
        Assert.Equal(PlaygroundTeam.Carol.AadObjectId, (string)Assert.Single(invite.Body!["participants"]!.AsArray())!["identity"]!["user"]!["id"]!);
        Assert.DoesNotContain(await _t.GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["participants"] is not null);
    }

    [Fact]
    public async Task Ring_with_a_name_no_one_has_rings_no_one_and_says_why()
    {
        var (cardId, _) = await MeetingInCallAsync();

        await _t.SayAsync("ring zed");

        Assert.DoesNotContain(await _t.GraphRequestsAsync(), r => r.Path.EndsWith("/participants/invite", StringComparison.Ordinal));
        Assert.Contains(_t.Connector.PostedActivities, p => p.Activity.Text == "I couldn't ring zed (no one in this conversation goes by that name: @mention people from the list so Teams knows who they are).");
    }

    [Fact]
    public async Task Organizer_makes_the_bot_leave_the_card_says_so_and_joining_again_starts_a_new_call()
    {
        var (cardId, key) = await MeetingInCallAsync();

        await _t.PressAsync(MeetingCard_LeaveVerb, key, cardId);

        var firstCall = (string)(await _t.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, _t.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None))!.CallId;
        Assert.Contains(await _t.GraphRequestsAsync(), r => r.Method == "DELETE" && r.Path == "/v1.0/communications/calls/" + firstCall);
        var ended = await _t.WaitForCardAsync(cardId, c => c.Contains("The bot left the call", StringComparison.Ordinal));
        var again = Assert.Single(ended["actions"]!.AsArray(), a => (string?)a!["verb"] == MeetingCard_JoinVerb);
        Assert.Equal("Join again with the bot", (string)again!["title"]!);
        var stored = await _t.Bot.Service<CallStore>().GetAsync(firstCall, CancellationToken.None);
        Assert.Equal(CallState.Terminated, stored!.State);

        await _t.PressAsync(MeetingCard_JoinVerb, key, cardId);

        Assert.Equal(2, (await _t.JoinRequestsAsync()).Count);
        var second = await _t.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, _t.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None);
        Assert.NotEqual(firstCall, second!.CallId);
        await CallTestBot.WaitForAsync(async () => (await _t.Bot.Service<CallStore>().GetAsync(second.CallId, CancellationToken.None)) is { State: CallState.Established } c ? c : null, "the second call to be established");
    }

    /// <summary>"we're done" got "Sorry, I didn't get …" and left the bot in the call.</summary>
    [Fact]
    public async Task Saying_the_meeting_is_over_makes_the_bot_leave_its_call()
    {
        var (cardId, key) = await MeetingInCallAsync();
        var call = (await _t.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, _t.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None))!;

        await _t.SayAsync("that's a wrap, thanks!");

        Assert.Contains(await _t.GraphRequestsAsync(), r => r.Method == "DELETE" && r.Path == "/v1.0/communications/calls/" + call.CallId);
        Assert.Contains(_t.Connector.PostedActivities, p => p.Activity.Text == "Leaving the call.");
        await _t.WaitForCardAsync(cardId, c => c.Contains("The bot left the call", StringComparison.Ordinal));
    }

    /// <summary>Without the bot in a call there is nothing to leave: a nod, not "I'm not in the call" to a remark.</summary>
    [Fact]
    public async Task Saying_the_meeting_is_over_without_the_bot_in_its_call_is_only_acknowledged()
    {
        await _t.CreateMeetingAsync();

        await _t.SayAsync("we're done");

        Assert.Contains(_t.Connector.PostedActivities, p => p.Activity.Text == "👍");
        Assert.DoesNotContain(_t.Connector.PostedActivities, p => p.Activity.Text?.Contains("not in the call", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(await _t.GraphRequestsAsync(), r => r.Path.Contains("/communications/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_last_person_leaves_the_call_ends_and_the_card_offers_joining_again()
    {
        var (cardId, key) = await MeetingInCallAsync();
        var call = (await _t.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, _t.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None))!;

        using (var left = await _t.Client.PostAsync($"/_local/graph/_calls/{call.CallId}/leave/{PlaygroundTeam.OrganizerAad}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }

        var card = await _t.WaitForCardAsync(cardId, c => c.Contains("The call ended", StringComparison.Ordinal));
        Assert.Contains("All other participants left", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["verb"] == MeetingCard_JoinVerb);
    }

    [Fact]
    public async Task Someone_other_than_the_organizer_cannot_make_the_bot_leave_but_can_bring_it_in()
    {
        var (cardId, key, _) = await _t.CreateMeetingAsync();
        void AsAlice(JsonObject a) => TestActivities.SetFrom(a, "29:alice-id", "Alice Anders", PlaygroundTeam.Alice.AadObjectId);

        await _t.PressAsync(MeetingCard_JoinVerb, key, cardId, AsAlice);
        await _t.WaitForCardAsync(cardId, c => c.Contains("Call in progress", StringComparison.Ordinal));
        var envelope = await _t.PressAsync(MeetingCard_LeaveVerb, key, cardId, AsAlice);

        Assert.Contains("Only Olivia Organizer", (string)envelope["value"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(await _t.GraphRequestsAsync(), r => r.Method == "DELETE");
    }

    public static TheoryData<string> ForeignPlaces => new() { "conversation", "tenant" };

    [Theory]
    [MemberData(nameof(ForeignPlaces))]
    public async Task A_call_button_replayed_from_another_conversation_or_tenant_is_refused(string what)
    {
        var (cardId, key, _) = await _t.CreateMeetingAsync();

        var envelope = await _t.PressAsync(MeetingCard_JoinVerb, key, cardId, a =>
        {
            if (what == "conversation")
            {
                a["conversation"]!["id"] = "19:some-other-chat@thread.v2";
            }
            else
            {
                a["conversation"]!["tenantId"] = "99999999-9999-9999-9999-999999999999";
                a["channelData"]!["tenant"] = new JsonObject { ["id"] = "99999999-9999-9999-9999-999999999999" };
            }
        });

        Assert.Contains("can't find that meeting", (string)envelope["value"]!, StringComparison.Ordinal);
        Assert.Empty(await _t.JoinRequestsAsync());
    }

    [Fact]
    public async Task Leave_and_ring_without_a_call_explain_what_to_do()
    {
        var (cardId, key, _) = await _t.CreateMeetingAsync();

        var ring = await _t.PressAsync(MeetingCard_RingVerb, key, cardId);
        var leave = await _t.PressAsync(MeetingCard_LeaveVerb, key, cardId);

        Assert.Contains("Bring me in first", (string)ring["value"]!, StringComparison.Ordinal);
        Assert.Contains("not in the call", (string)leave["value"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(await _t.GraphRequestsAsync(), r => r.Path.Contains("/communications/", StringComparison.Ordinal));
    }

    private const string MeetingCard_JoinVerb = TeamsMeetBot.Cards.MeetingCard.JoinCallVerb;
    private const string MeetingCard_RingVerb = TeamsMeetBot.Cards.MeetingCard.RingVerb;
    private const string MeetingCard_LeaveVerb = TeamsMeetBot.Cards.MeetingCard.LeaveCallVerb;
}
