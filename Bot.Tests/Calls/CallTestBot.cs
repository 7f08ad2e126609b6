using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Calls;

/// <summary>
/// A local-mode bot with calling (the loopback callback and the simulated Graph's signing key), a fake connector with
/// the playground team, short card-update and answer delays, and helpers to create a meeting, press its buttons and
/// wait for the card. Waits poll until a condition holds (bounded, so a broken flow fails instead of hanging).
/// </summary>
internal sealed class CallTestBot : IAsyncDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private CallTestBot(BotHost bot, FakeConnector connector, HttpClient client)
    {
        Bot = bot;
        Connector = connector;
        Client = client;
    }

    public BotHost Bot { get; }
    public FakeConnector Connector { get; }
    public HttpClient Client { get; }

    public static Dictionary<string, string?> Settings(string? sqlitePath = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Calls:CardUpdateIntervalMilliseconds"] = "50",
            ["Calls:RingTimeoutSeconds"] = "1",
            ["LocalGraph:InviteAnswerDelayMilliseconds"] = "50",
            ["LocalGraph:NoAnswerUsers:0"] = PlaygroundTeam.Bob.AadObjectId,
        };
        if (sqlitePath is not null)
        {
            settings["Storage:Sqlite:Path"] = sqlitePath;
        }

        return settings;
    }

    public static async Task<CallTestBot> StartAsync(FakeConnector? connector = null, string? sqlitePath = null, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var fake = connector ?? await FakeConnector.StartAsync();
        if (connector is null)
        {
            PlaygroundTeam.AddTo(fake);
        }

        var settings = Settings(sqlitePath);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var bot = new BotHost(settings);
        return new CallTestBot(bot, fake, bot.CreateLoopbackClient());
    }

    public async Task<IReadOnlyList<RecordedGraphRequest>> GraphRequestsAsync()
    {
        var json = await Client.GetStringAsync("/_local/graph/_requests");
        return System.Text.Json.JsonSerializer.Deserialize(json, LocalGraphJsonContext.Default.IReadOnlyListRecordedGraphRequest)!;
    }

    public async Task<IReadOnlyList<JsonObject>> JoinRequestsAsync() =>
        (await GraphRequestsAsync()).Where(r => r.Method == "POST" && r.Path == "/v1.0/communications/calls").Select(r => r.Body!.AsObject()).ToList();

    /// <summary>"meet now with Alice and Bob": returns the card's activity id, the meeting key and the stored meeting.</summary>
    public async Task<(string CardId, string MeetingKey, MeetingRecord Meeting)> CreateMeetingAsync()
    {
        using var response = await TestActivities.PostAsync(Client, TestActivities.GroupChat(Connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at> <at>Bob Brown</at>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(Connector.PostedActivities);
        var card = posted.Activity.Attachments![0].Content!;
        CardValidator.AssertValid(card);
        var cancel = card["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "cancelMeeting");
        string key = (string)cancel!["data"]!["meetingKey"]!;
        var meeting = (await Bot.Service<MeetingStore>().GetAsync(PlaygroundTeam.TenantId, posted.ConversationId, key, CancellationToken.None))!.Value;
        return (posted.ActivityId, key, meeting);
    }

    public async Task<JsonObject> PressAsync(string verb, string meetingKey, string cardId, Action<JsonObject>? change = null)
    {
        var invoke = TestActivities.Invoke(Connector.ServiceUrl, verb, new JsonObject { ["meetingKey"] = meetingKey }, cardId);
        change?.Invoke(invoke);
        return await TestActivities.PostInvokeAsync(Client, invoke);
    }

    public async Task SayAsync(string text, Action<JsonObject>? change = null)
    {
        var activity = TestActivities.GroupChat(Connector.ServiceUrl, "<at>TeamsMeetBot</at> " + text);
        change?.Invoke(activity);
        using var response = await TestActivities.PostAsync(Client, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The newest card update of <paramref name="cardId"/> that satisfies <paramref name="match"/>; every update seen is checked for validity and size.</summary>
    public async Task<JsonObject> WaitForCardAsync(string cardId, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var updates = Connector.UpdatedActivities.Where(u => u.ActivityId == cardId || u.Activity.Id == cardId).ToList();
            foreach (var update in updates)
            {
                var card = update.Activity.Attachments![0].Content!;
                CardValidator.AssertValid(card);
                Assert.True(Encoding.UTF8.GetByteCount(card.ToJsonString()) < 28 * 1024);
            }

            var found = updates.Select(u => u.Activity.Attachments![0].Content!.AsObject()).LastOrDefault(c => match(c.ToJsonString()));
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The card was never updated as expected. Last update: " + updates.LastOrDefault()?.Activity.Attachments![0].Content!.ToJsonString());
            await Task.Delay(50);
        }
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    public async Task<HttpResponseMessage> NotifyAsync(JsonNode body, string? bearer, BotHost? target = null)
    {
        using var client = (target ?? Bot).CreateLoopbackClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/calls") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A token signed by the host's simulated-Graph key (the key the bot trusts in local mode).</summary>
    public static string Token(BotHost host, string tenantId, string? issuer = null, string? audience = null, DateTimeOffset? now = null, Dictionary<string, object>? claims = null) =>
        host.Service<LocalGraphSigningKey>().IssueToken(issuer ?? LocalGraphSigningKey.Issuer, audience ?? LocalGraphOptions.DefaultAppId, tenantId, now ?? DateTimeOffset.UtcNow, claims);

    public static JsonObject Notification(string resourceUrl, JsonNode resourceData, string changeType = "updated") => new()
    {
        ["@odata.type"] = "#microsoft.graph.commsNotifications",
        ["value"] = new JsonArray(new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.commsNotification",
            ["changeType"] = changeType,
            ["resourceUrl"] = resourceUrl,
            ["resourceData"] = resourceData,
        }),
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
