using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.Cards;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>One bot (or several sharing a database) on a fake clock, the fake connector with the Playground team, and helpers to talk to them.</summary>
public sealed class SchedulingWorld : IAsyncDisposable
{
    private readonly List<SchedulingHost> _hosts = [];
    private readonly List<HttpClient> _clients = [];

    private SchedulingWorld(FakeConnector connector, string databasePath)
    {
        Connector = connector;
        DatabasePath = databasePath;
    }

    public FakeConnector Connector { get; }
    public string DatabasePath { get; }
    public FakeTimeProvider Time { get; } = new(SchedulingHost.Epoch);
    public SchedulingHost Host => _hosts[0];
    public HttpClient Client => _clients[0];

    public static async Task<SchedulingWorld> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var connector = await FakeConnector.StartAsync();
        PlaygroundTeam.AddTo(connector);
        var world = new SchedulingWorld(connector, SchedulingHost.NewDatabasePath());
        world.AddHost(settings);
        return world;
    }

    /// <summary>Another bot instance on the same database file and the same clock.</summary>
    public (SchedulingHost Host, HttpClient Client) AddHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new SchedulingHost(Time, DatabasePath, settings);
        var client = host.CreateLoopbackClient();
        _hosts.Add(host);
        _clients.Add(client);
        return (host, client);
    }

    /// <summary>Stops an instance (as a restart or crash would), keeping the database.</summary>
    public async Task StopHostAsync(SchedulingHost host)
    {
        int index = _hosts.IndexOf(host);
        _clients[index].Dispose();
        await host.DisposeAsync();
        _hosts.RemoveAt(index);
        _clients.RemoveAt(index);
    }

    public static JsonObject Message(string serviceUrl, string text, string? zone = "UTC", string? locale = null) =>
        SchedulingHost.WithZone(TestActivities.GroupChat(serviceUrl, "<at>TeamsMeetBot</at> " + text), zone, zone, locale);

    /// <summary>Posts a group-chat message from Olivia (or whoever <paramref name="change"/> makes the sender); returns its activity id.</summary>
    public async Task<string> SayAsync(string text, string? zone = "UTC", string? locale = null, HttpClient? client = null, Action<JsonObject>? change = null)
    {
        var activity = Message(Connector.ServiceUrl, text, zone, locale);
        change?.Invoke(activity);
        using var response = await TestActivities.PostAsync(client ?? Client, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)activity["id"]!;
    }

    public Task<IReadOnlyList<RecordedGraphRequest>> GraphRequestsAsync(HttpClient? client = null) => SchedulingHost.GraphRequestsAsync(client ?? Client);

    public async Task<IReadOnlyList<JsonObject>> CreateOrGetBodiesAsync(HttpClient? client = null) =>
        (await GraphRequestsAsync(client)).Where(r => r.Method == "POST" && r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal)).Select(r => r.Body!.AsObject()).ToList();

    public IReadOnlyList<PostedActivity> RepliesTo(string activityId) => Connector.PostedActivities.Where(p => p.ReplyToId == activityId).ToList();

    /// <summary>The single reply to a message, which must be one valid Adaptive Card.</summary>
    public (string CardActivityId, JsonObject Card) SingleCardReplyTo(string activityId)
    {
        var reply = Assert.Single(RepliesTo(activityId));
        var card = Assert.Single(reply.Activity.Attachments!).Content!.AsObject();
        CardValidator.AssertValid(card);
        return (reply.ActivityId, card);
    }

    /// <summary>The cards posted without a reply (reminders and other proactive messages).</summary>
    public IReadOnlyList<JsonObject> ProactiveCards() =>
        Connector.PostedActivities.Where(p => p.ReplyToId is null && p.Activity.Attachments is { Count: > 0 }).Select(p => p.Activity.Attachments![0].Content!.AsObject()).ToList();

    public static DateTimeOffset Instant(JsonNode? value) => DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    /// <summary>The scheduling card's "Create meeting" data merged with input values, as Teams sends them.</summary>
    public static JsonObject Submission(JsonObject schedulingCard, string? date, string? time, string? duration = null, string? subject = null)
    {
        var action = schedulingCard["actions"]!.AsArray().Single(a => (string?)a!["verb"] == SchedulingCard.CreateVerb)!;
        var data = action["data"]!.DeepClone().AsObject();
        data[SchedulingCard.DateInput] = date;
        data[SchedulingCard.TimeInput] = time;
        data[SchedulingCard.DurationInput] = duration ?? FindInput(schedulingCard, SchedulingCard.DurationInput)?["value"]?.DeepClone();
        data[SchedulingCard.SubjectInput] = subject ?? (string?)FindInput(schedulingCard, SchedulingCard.SubjectInput)?["value"] ?? "";
        return data;
    }

    /// <summary>Every string value in a JSON tree, joined by newlines (card text without JSON escaping).</summary>
    public static string Texts(JsonNode? node) => node switch
    {
        JsonObject obj => string.Join("\n", obj.Select(p => Texts(p.Value))),
        JsonArray array => string.Join("\n", array.Select(Texts)),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        _ => "",
    };

    public static JsonObject? FindInput(JsonNode? node, string id)
    {
        switch (node)
        {
            case JsonObject obj when (string?)obj["id"] == id && ((string?)obj["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true:
                return obj;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (FindInput(child, id) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (FindInput(child, id) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Presses "Create meeting" (an Action.Execute invoke replying to the scheduling card); returns the invoke response.</summary>
    public async Task<JsonObject> PressCreateAsync(string cardActivityId, JsonObject data, Action<JsonObject>? change = null)
    {
        var invoke = TestActivities.Invoke(Connector.ServiceUrl, SchedulingCard.CreateVerb, data.DeepClone().AsObject(), cardActivityId);
        change?.Invoke(invoke);
        return await TestActivities.PostInvokeAsync(Client, invoke);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Connector.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
