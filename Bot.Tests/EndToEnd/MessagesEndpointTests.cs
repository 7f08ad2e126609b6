using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsMeetBot.BotFramework;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.EndToEnd;

/// <summary>/api/messages in local mode over real HTTP on loopback, with captured payloads and a fake connector.</summary>
public sealed class MessagesEndpointTests : IAsyncLifetime
{
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

    [Theory]
    [InlineData("teams-payloads", "personal-message.json", "help")]
    [InlineData("playground-captures", "to-bot-03-message-personal-meet-now.json", "help")]
    [InlineData("playground-captures", "to-bot-03-message-personal-meet-now.json", "what can you do?")]
    [InlineData("teams-payloads", "channel-message-bot-mention.json", null)]
    [InlineData("playground-captures", "to-bot-16-message-channel-thread-reply.json", "<at>TeamsMeetBot</at> blorp")]
    public async Task Help_or_anything_not_understood_gets_one_valid_help_card_in_the_same_thread(string folder, string file, string? text)
    {
        var activity = TestActivities.Load(folder, file, _connector.ServiceUrl, text);

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await _connector.WaitForActivitiesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal((string)activity["conversation"]!["id"]!, posted.ConversationId);
        Assert.Equal((string)activity["id"]!, posted.ReplyToId);
        var attachment = Assert.Single(posted.Activity.Attachments!);
        Assert.Equal(Attachment.AdaptiveCardContentType, attachment.ContentType);
        CardValidator.AssertValid(attachment.Content!);
    }

    [Theory]
    [InlineData("teams-payloads", "channel-message-two-mentions.json", null, "I didn't understand \"@Test Bot 1 TestMessage\".")]
    [InlineData("playground-captures", "to-bot-08-message-groupChat-with-mentions.json", "<at>TeamsMeetBot</at> <at>Alice Anders</at>&nbsp;hello &amp; welcome", "I didn't understand \"@Alice Anders hello & welcome\".")]
    [InlineData("playground-captures", "to-bot-03-message-personal-meet-now.json", "blorp [x](https://evil.example)", "I didn't understand \"blorp \\[x\\]\\(https://evil.example\\)\".")]
    public async Task The_help_card_quotes_what_was_not_understood_as_the_sender_saw_it(string folder, string file, string? text, string expected)
    {
        var activity = TestActivities.Load(folder, file, _connector.ServiceUrl, text);

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await _connector.WaitForActivitiesAsync(1, TimeSpan.FromSeconds(10)));
        var card = Assert.Single(posted.Activity.Attachments!).Content!.AsObject();
        Assert.Equal(expected, (string)card["body"]![0]!["text"]!);
    }

    [Fact]
    public async Task Same_message_delivered_three_times_concurrently_gets_one_reply()
    {
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestActivities.PostAsync(_client, activity)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Task.Delay(300);
        Assert.Single(_connector.PostedActivities);
        using var again = await TestActivities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_connector.PostedActivities);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"type\":")]
    [InlineData("[]")]
    [InlineData("{\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1/\",\"conversation\":{\"id\":\"a:1\"}}")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"http://127.0.0.1/\",\"conversation\":{\"id\":\"a:1\"}}")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"a:1\"}}")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1/\"}")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"not a url\",\"conversation\":{\"id\":\"a:1\"}}")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"webchat\",\"serviceUrl\":\"http://127.0.0.1/\",\"conversation\":{\"id\":\"a:1\"}}")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1/\",\"conversation\":{\"id\":\"a:1\"}} {}")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1/\",\"conversation\":{\"id\":\"a:1\"}},")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Malformed_or_incomplete_activities_get_400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/messages", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Oversized_body_gets_413()
    {
        var activity = TestActivities.Personal(_connector.ServiceUrl, new string('x', 300 * 1024));
        using var response = await TestActivities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_logged_as_a_413_with_the_cap()
    {
        var logs = new TeamsMeetBot.Tests.Authentication.RecordingLoggerProvider();
        await using var bot = new BotHost(services: services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        using var client = bot.CreateLoopbackClient();
        var activity = TestActivities.Personal(_connector.ServiceUrl, new string('x', 300 * 1024));

        using var response = await TestActivities.PostAsync(client, activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var logged = Assert.Single(logs.Entries, e => e.Category == typeof(MessagesEndpoint).FullName && e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal(103, logged.EventId.Id);
        Assert.Equal("Rejected /api/messages with 413: the body is larger than Bot:MaxActivityBytes (262144 bytes)", logged.Message);
    }

    [Fact]
    public async Task Oversized_body_without_a_length_gets_413()
    {
        var activity = TestActivities.Personal(_connector.ServiceUrl, new string('x', 300 * 1024));
        using var response = await _client.PostAsync("/api/messages", new ChunkedJsonContent(activity.ToJsonString()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_connector.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_activity_that_arrives_in_many_pieces_is_read_whole(bool chunked)
    {
        // About 60 KB: many buffers of the request pipe, with or without a Content-Length.
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help " + new string('x', 60 * 1024));
        string json = activity.ToJsonString();
        using HttpContent content = chunked ? new ChunkedJsonContent(json) : new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await _connector.WaitForActivitiesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal((string)activity["id"]!, posted.ReplyToId);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_get_405(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/messages");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        using var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("to-bot-01-installationUpdate-personal.json", "to-bot-02-conversationUpdate-personal.json")]
    [InlineData("to-bot-06-installationUpdate-groupChat.json", "to-bot-07-conversationUpdate-groupChat.json")]
    [InlineData("to-bot-11-installationUpdate-channel.json", "to-bot-12-conversationUpdate-channel.json")]
    public async Task Installation_is_welcomed_once_although_Teams_announces_it_twice(string installation, string conversationUpdate)
    {
        using var first = await TestActivities.PostAsync(_client, TestActivities.Load("playground-captures", installation, _connector.ServiceUrl));
        using var second = await TestActivities.PostAsync(_client, TestActivities.Load("playground-captures", conversationUpdate, _connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var welcome = Assert.Single(_connector.PostedActivities);
        Assert.Contains("meet now", welcome.Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_gets_the_invoke_envelope_even_for_an_unknown_button()
    {
        var invoke = TestActivities.Invoke(_connector.ServiceUrl, "launchRockets", new JsonObject { ["x"] = 1 });
        var envelope = await TestActivities.PostInvokeAsync(_client, invoke);
        Assert.Equal(200, (int)envelope["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string)envelope["type"]!);
        Assert.Contains("no longer supported", (string)envelope["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_that_is_not_an_Action_Execute_gets_a_400_envelope_not_an_HTTP_error()
    {
        var invoke = TestActivities.Load("playground-captures", "to-bot-10-invoke-groupChat-ActionExecute.json", _connector.ServiceUrl,
            change: a => a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Submit" } });
        var envelope = await TestActivities.PostInvokeAsync(_client, invoke);
        Assert.Equal(400, (int)envelope["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string)envelope["type"]!);
    }

    [Fact]
    public async Task Connector_outage_makes_the_turn_fail_with_503_so_Teams_redelivers_and_the_redelivery_is_answered()
    {
        // 500 is not retried: the help card fails, then the "something went wrong" reply fails too.
        _connector.FailNext(2, _ => true, FakeResponse.Error(500, "InternalServerError"));
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help");

        using var failed = await TestActivities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);

        var redelivery = activity.DeepClone().AsObject();
        await Task.Delay(50);
        using var ok = await TestActivities.PostAsync(_client, redelivery);
        Assert.True(ok.StatusCode == HttpStatusCode.OK, $"redelivery got {ok.StatusCode}");
    }

    public static TheoryData<string, FakeResponse> RefusalsForGood => new()
    {
        { "blocked", FakeResponse.MessageWritesBlocked() },
        { "conversation gone", FakeResponse.Error(404, "ConversationNotFound", "Conversation not found.") },
        { "redirected", new FakeResponse(307, Headers: new Dictionary<string, string> { ["Location"] = "http://127.0.0.1:9/elsewhere" }) },
    };

    [Theory]
    [MemberData(nameof(RefusalsForGood))]
    public async Task A_conversation_that_refuses_the_bots_messages_for_good_gets_200_so_Teams_does_not_redeliver_in_vain(string why, FakeResponse refusal)
    {
        // The help card fails; a "something went wrong" reply would fail the same way, and so would a redelivery.
        _connector.FailNext(2, _ => true, refusal);
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help");

        using var answered = await TestActivities.PostAsync(_client, activity);

        Assert.True(answered.StatusCode == HttpStatusCode.OK, $"{why}: {answered.StatusCode}");
        Assert.Single(_connector.Requests);
        Assert.Empty(_connector.PostedActivities);

        // Should Teams deliver it again anyway, the activity counts as done: nothing is posted twice.
        using var again = await TestActivities.PostAsync(_client, activity.DeepClone().AsObject());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task A_reply_the_Connector_refuses_as_malformed_is_followed_by_a_plain_apology()
    {
        // 400 refuses that one request, not the conversation: the short "something went wrong" still gets through.
        _connector.FailNext(1, _ => true, FakeResponse.Error(400, "BadSyntax", "Invalid activity."));
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help");

        using var answered = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(2, _connector.Requests.Count);
        Assert.Equal(TeamsMeetBot.Conversation.ActivityRouter.GenericFailureMessage, Assert.Single(_connector.PostedActivities).Activity.Text);
    }

    [Fact]
    public async Task A_meeting_whose_card_could_not_be_posted_gets_its_card_on_the_redelivery()
    {
        // The meeting is created and stored, then the card post and the "something went wrong" reply both fail:
        // 503, Teams redelivers at once. The redelivery finds the stored meeting without a card; it must post the
        // card now rather than assume the first delivery is still posting it.
        _connector.FailNext(2, r => r.Method == "POST", FakeResponse.Error(500, "InternalServerError"));
        var activity = TestActivities.Personal(_connector.ServiceUrl, "meet now");

        using var failed = await TestActivities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Empty(_connector.PostedActivities);

        using var ok = await TestActivities.PostAsync(_client, activity.DeepClone().AsObject());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var card = Assert.Single(_connector.PostedActivities);
        Assert.Contains("teams.microsoft.com", card.Json, StringComparison.Ordinal);
        Assert.Contains("application/vnd.microsoft.card.adaptive", card.Json, StringComparison.Ordinal);
    }

    /// <summary>A JSON body sent in small pieces with no Content-Length (Transfer-Encoding: chunked).</summary>
    private sealed class ChunkedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJsonContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (int at = 0; at < _bytes.Length; at += 1000)
            {
                await stream.WriteAsync(_bytes.AsMemory(at, Math.Min(1000, _bytes.Length - at)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
