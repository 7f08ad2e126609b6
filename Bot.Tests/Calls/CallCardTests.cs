using System.Text;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Calls;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Storage;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Calls;

/// <summary>The call section and buttons of the meeting card, and when calling counts as set up.</summary>
public sealed class CallCardTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static EmptyServiceProvider EmptyServices() => new EmptyServiceProvider();

    private static MeetingRecord Meeting() => new()
    {
        Key = "k1",
        TenantId = PlaygroundTeam.TenantId,
        Conversation = new ConversationReference { ConversationId = "19:chat@thread.v2", ServiceUrl = "https://smba.example/", TenantId = PlaygroundTeam.TenantId, BotId = "28:bot" },
        SourceActivityId = "a1",
        Organizer = new MeetingPerson("29:organizer-id", "Olivia <b>Organizer</b>", PlaygroundTeam.OrganizerAad, null),
        Subject = "Incident review",
        StartUtc = Now,
        EndUtc = Now.AddMinutes(30),
        GraphMeetingId = "m1",
        JoinWebUrl = "https://teams.microsoft.com/meet/123?p=abc",
        ChatThreadId = "19:meeting_x@thread.v2",
    };

    private static CallRecord Call(CallState state, int people = 2, int invited = 0) => new()
    {
        CallId = "c1",
        TenantId = PlaygroundTeam.TenantId,
        State = state,
        EstablishedAt = Now.AddMinutes(-12),
        EndedAt = state == CallState.Terminated ? Now : null,
        Participants = [new CallParticipant("p0", "bot", "the bot", IsBot: true, IsInLobby: false),
            .. Enumerable.Range(0, people).Select(i => new CallParticipant("p" + i, "u" + i, "Person [" + i + "](https://evil.example) with a rather long display name", false, false))],
        Invited = [.. Enumerable.Range(0, invited).Select(i => new InvitedPerson("i" + i, "Invitee " + i, InviteStatus.Ringing, Now.AddSeconds(-(i % 2 == 0 ? 5 : 90))))],
    };

    public static TheoryData<CallState?, string[], string[]> Sections => new()
    {
        { null, ["Bring the bot in"], ["Call in progress"] },
        { CallState.Establishing, ["the bot is joining", "Ring attendees", "Bot leaves"], ["Bring the bot in"] },
        { CallState.Established, ["Call in progress", "running 12 min", "In the call (2)", "Ring attendees", "Bot leaves"], ["Bring the bot in"] },
        { CallState.Terminated, ["The call ended", "Join again with the bot"], ["Ring attendees", "In the call ("] },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void The_card_shows_the_call_state_and_the_buttons_that_fit_it(CallState? state, string[] present, string[] absent)
    {
        var card = MeetingCard.Build(Meeting(), new CallCardView(state is null ? null : Call(state.Value), Now, TimeSpan.FromSeconds(60)));

        CardValidator.AssertValid(card);
        string json = card.ToJsonString();
        Assert.All(present, p => Assert.Contains(p, json, StringComparison.Ordinal));
        Assert.All(absent, a => Assert.DoesNotContain(a, json, StringComparison.Ordinal));
        Assert.DoesNotContain("](https://evil.example)", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_calling_set_up_the_card_has_no_call_buttons()
    {
        var card = MeetingCard.Build(Meeting());

        var verbs = card["actions"]!.AsArray().Select(a => (string?)a!["verb"]).ToList();
        Assert.DoesNotContain(MeetingCard.JoinCallVerb, verbs);
        Assert.DoesNotContain(MeetingCard.RingVerb, verbs);
        Assert.Contains(MeetingCard.CancelVerb, verbs);
    }

    [Fact]
    public void Ringing_past_the_timeout_reads_did_not_answer_and_a_huge_call_stays_under_28_KB()
    {
        var card = MeetingCard.Build(Meeting(), new CallCardView(Call(CallState.Established, people: 300, invited: 40), Now, TimeSpan.FromSeconds(60)));

        CardValidator.AssertValid(card);
        string json = card.ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(json) < 28 * 1024);
        Assert.Contains("Invitee 0: ringing", json, StringComparison.Ordinal);
        Assert.Contains("Invitee 1: did not answer", json, StringComparison.Ordinal);
        Assert.Contains("and 280 more", json, StringComparison.Ordinal);
    }

    public static TheoryData<bool, string?, bool> Setups => new()
    {
        { false, null, false },
        { false, "https://bot.example.com", true },
        { true, null, true },
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_new_meetings_card_is_built_without_asking_the_store_and_is_the_card_of_a_meeting_without_a_call(bool callingConfigured)
    {
        var setup = new CallingSetup(Options.Create(new CallsOptions()),
            new BotRuntime(isLocalMode: callingConfigured, appId: callingConfigured ? null : "app", tenantId: null), EmptyServices());
        var store = new NoCallsStore();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var renderer = new MeetingCardRenderer(setup, new CallStore(store, clock), clock);

        var first = renderer.BuildForNewMeeting(Meeting());
        Assert.Equal(0, store.Reads);
        var fromStore = await renderer.BuildAsync(Meeting(), CancellationToken.None);

        Assert.Equal(callingConfigured ? 1 : 0, store.Reads);
        Assert.Equal(fromStore.ToJsonString(), first.ToJsonString());
        Assert.Equal(callingConfigured, first.ToJsonString().Contains("Bring the bot in", StringComparison.Ordinal));
    }

    /// <summary>A store without any call.</summary>
    private sealed class NoCallsStore : UnsupportedBotStore
    {
        public int Reads { get; private set; }

        public override Task<StoredItem<T>?> GetAsync<T>(string table, string partitionKey, string rowKey, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<StoredItem<T>?>(null);
        }
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public void Calling_is_set_up_with_a_public_base_url_or_in_local_mode(bool localMode, string? publicBaseUrl, bool expected)
    {
        var setup = new CallingSetup(Options.Create(new CallsOptions { PublicBaseUrl = publicBaseUrl }),
            new BotRuntime(isLocalMode: localMode, appId: localMode ? null : "app", tenantId: null), EmptyServices());

        Assert.Equal(expected, setup.IsConfigured);
        if (publicBaseUrl is not null)
        {
            Assert.Equal(new Uri("https://bot.example.com/api/calls"), setup.CallbackUri);
        }
    }

    [Fact]
    public void A_plain_http_public_base_url_is_a_configuration_error()
    {
        Assert.Throws<ConfigurationException>(() => new CallingSetup(Options.Create(new CallsOptions { PublicBaseUrl = "http://bot.example.com" }),
            new BotRuntime(isLocalMode: false, appId: "app", tenantId: null), EmptyServices()));
    }

    public static TheoryData<string, string, string?, string?> Resources => new()
    {
        { "/communications/calls/abc", "abc", null, null },
        { "/communications/calls/abc/participants", "abc", "participants", null },
        { "/app/calls/abc/operations/op1", "abc", "operations", "op1" },
        { "https://graph.microsoft.com/v1.0/communications/calls/abc", "abc", null, null },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Notification_resources_are_split_into_call_and_collection(string resource, string callId, string? collection, string? item)
    {
        Assert.True(CallNotificationParser.TrySplit(resource, out string id, out string? c, out string? i));
        Assert.Equal((callId, collection, item), (id, c, i));
    }

    [Fact]
    public void Every_captured_notification_payload_parses()
    {
        foreach (string file in SharedData.Files("graph-payloads", "notification-*.json"))
        {
            var parsed = CallNotificationParser.Parse(System.Text.Json.Nodes.JsonNode.Parse(SharedData.ReadText("graph-payloads", file)));
            Assert.NotNull(parsed);
        }

        var invite = CallNotificationParser.Parse(SharedData.ReadJson("graph-payloads", "notification-invite-operation-completed.json"))!;
        var operation = Assert.IsType<InviteOperationNotification>(Assert.Single(invite));
        Assert.Equal(["278405a3-f568-4b3e-b684-009193463064"], operation.UserIds);
        Assert.False(operation.Failed);
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
