using System.Net;
using System.Text.Json.Nodes;
using TeamsMeetBot.Calls;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Calls;
using TeamsMeetBot.Tests.Storage;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.EndToEnd;

/// <summary>
/// Two bot instances sharing one Azure Table store (Azurite), as behind one Azure Bot: both use the
/// same Graph (instance A's simulated Graph) and the same Connector.
/// </summary>
public sealed class MultiInstanceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string _prefix = "Multi" + Guid.NewGuid().ToString("N")[..12];
    private BotHost _a = null!;
    private BotHost _b = null!;
    private FakeConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        PlaygroundTeam.AddTo(_connector);
        _a = new BotHost(Shared());
        var graphOfA = new Uri(_a.BaseAddress, LocalGraphEndpoints.GraphBasePath).AbsoluteUri;
        _b = new BotHost(new Dictionary<string, string?>(Shared()) { ["Graph:BaseUrl"] = graphOfA });
        _ = _b.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private Dictionary<string, string?> Shared() => new()
    {
        ["Storage:Provider"] = "AzureTables",
        ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString,
        ["Storage:AzureTables:TablePrefix"] = _prefix,
        ["Storage:AzureTables:MaxRetries"] = "1",
    };

    [Fact]
    public async Task The_same_activity_delivered_to_both_instances_at_once_yields_one_meeting_and_one_card()
    {
        using var clientA = _a.CreateLoopbackClient();
        using var clientB = _b.CreateLoopbackClient();
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at> and <at>Bob Brown</at>");

        var responses = await Task.WhenAll(
            TestActivities.PostAsync(clientA, activity), TestActivities.PostAsync(clientB, activity),
            TestActivities.PostAsync(clientA, activity), TestActivities.PostAsync(clientB, activity));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Task.Delay(300);
        var creates = _a.Service<LocalGraphRecorder>().Snapshot().Where(r => r.Path.EndsWith("/createOrGet", StringComparison.Ordinal)).ToList();
        Assert.Single(creates);
        var card = Assert.Single(_connector.PostedActivities);
        CardValidator.AssertValid(card.Activity.Attachments![0].Content!);
    }

    [Fact]
    public async Task A_meeting_created_through_one_instance_is_cancelled_through_the_other()
    {
        using var clientA = _a.CreateLoopbackClient();
        using var clientB = _b.CreateLoopbackClient();
        using (var created = await TestActivities.PostAsync(clientA, TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at>")))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        var posted = Assert.Single(_connector.PostedActivities);
        var cancel = posted.Activity.Attachments![0].Content!["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "cancelMeeting")!;
        var invoke = TestActivities.Invoke(_connector.ServiceUrl, "cancelMeeting", cancel["data"]!.DeepClone().AsObject(), posted.ActivityId);

        var envelope = await TestActivities.PostInvokeAsync(clientB, invoke);

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)envelope["type"]!);
        Assert.Contains(_a.Service<LocalGraphRecorder>().Snapshot(), r => r.Method == "DELETE");
        Assert.Equal(posted.ActivityId, Assert.Single(_connector.UpdatedActivities).Activity.Id);
    }
}

/// <summary>Call notifications that Graph delivers to whichever instance the load balancer picks.</summary>
public sealed class MultiInstanceCallTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Call_notifications_alternating_between_two_instances_yield_a_consistent_card()
    {
        var shared = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureTables:TablePrefix"] = "Calls" + Guid.NewGuid().ToString("N")[..12],
            ["Storage:AzureTables:MaxRetries"] = "1",
        };
        await using var first = await CallTestBot.StartAsync(extraSettings: shared);
        var secondSettings = CallTestBot.Settings();
        foreach (var (setting, value) in shared)
        {
            secondSettings[setting] = value;
        }

        await using var second = new BotHost(secondSettings);
        var (cardId, key, _) = await first.CreateMeetingAsync();
        await first.PressAsync(TeamsMeetBot.Cards.MeetingCard.JoinCallVerb, key, cardId);
        await first.WaitForCardAsync(cardId, c => c.Contains("Call in progress", StringComparison.Ordinal));
        var call = (await first.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, first.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None))!;

        // A roster update lands on the second instance, which never saw the call.
        var roster = JsonNode.Parse(SharedData.ReadText("graph-payloads", "notification-roster-after-join.json"))!.AsObject();
        roster["value"]![0]!["resourceUrl"] = "/communications/calls/" + call.CallId + "/participants";
        using (var response = await first.NotifyAsync(roster, CallTestBot.Token(second, PlaygroundTeam.TenantId), second))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await first.WaitForCardAsync(cardId, c => c.Contains("In the call (1): John", StringComparison.Ordinal));

        // The same roster again on the first instance (a duplicate), then the end of the call on the second.
        using (var duplicate = await first.NotifyAsync(roster, CallTestBot.Token(first.Bot, PlaygroundTeam.TenantId)))
        {
            Assert.Equal(HttpStatusCode.Accepted, duplicate.StatusCode);
        }

        var terminated = CallTestBot.Notification("/communications/calls/" + call.CallId, new JsonObject { ["state"] = "terminated" }, "deleted");
        using (var ended = await first.NotifyAsync(terminated, CallTestBot.Token(second, PlaygroundTeam.TenantId), second))
        {
            Assert.Equal(HttpStatusCode.Accepted, ended.StatusCode);
        }

        await first.WaitForCardAsync(cardId, c => c.Contains("The call ended", StringComparison.Ordinal));
        Assert.Equal(CallState.Terminated, (await second.Service<CallStore>().GetAsync(call.CallId, CancellationToken.None))!.State);
        Assert.Equal(CallState.Terminated, (await first.Bot.Service<CallStore>().GetAsync(call.CallId, CancellationToken.None))!.State);
    }
}

/// <summary>Losing the shared store for a moment: a clear answer while it is gone, recovery without a restart.</summary>
public sealed class StoreOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private BotHost _bot = null!;
    private FakeConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        PlaygroundTeam.AddTo(_connector);
        _bot = new BotHost(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureTables:TablePrefix"] = "Outage" + Guid.NewGuid().ToString("N")[..12],
            ["Storage:AzureTables:MaxRetries"] = "1",
            ["Storage:AzureTables:NetworkTimeout"] = "00:00:02",
        });
        _ = _bot.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Requests_fail_with_a_clear_message_while_the_store_is_down_and_work_again_after()
    {
        using var client = _bot.CreateLoopbackClient();
        await azurite.StopAsync();
        try
        {
            using var during = await TestActivities.PostAsync(client, TestActivities.Personal(_connector.ServiceUrl, "meet now"));
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
            var told = Assert.Single(_connector.PostedActivities);
            Assert.Contains("can't reach my storage", told.Activity.Text, StringComparison.Ordinal);
        }
        finally
        {
            await azurite.StartAsync();
        }

        using var after = await TestActivities.PostAsync(client, TestActivities.Personal(_connector.ServiceUrl, "meet now"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, _connector.PostedActivities.Count);
        Assert.NotNull(_connector.PostedActivities[1].Activity.Attachments);
    }
}
