using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Playground;

/// <summary>
/// The bot against Microsoft's own Teams emulator: the Agents Playground on loopback, driven through its
/// HTTP and WebSocket API the way its web UI drives it. Every card the Playground receives is validated.
/// </summary>
public sealed class PlaygroundEndToEndTests(PlaygroundFixture playground) : IClassFixture<PlaygroundFixture>, IAsyncLifetime
{
    private const string Welcome = "Hi, I'm TeamsMeetBot.";
    private readonly PlaygroundApi _api = new(playground);
    private ConversationStream _stream = null!;

    private string Bot => "<at>" + playground.BotName + "</at>";

    public async Task InitializeAsync() => _stream = await ConversationStream.OpenAsync(playground.BaseAddress);

    public async Task DisposeAsync() => await _stream.DisposeAsync();

    public static TheoryData<string> Scopes => new() { "personal", "groupChat", "channel" };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Installing_the_app_welcomes_once_in_each_scope(string scope)
    {
        string conversation = scope switch
        {
            "personal" => playground.PersonalChatId,
            "groupChat" => playground.GroupChatId,
            _ => playground.ChannelId,
        };

        await _api.InstallAsync(conversation);

        var welcome = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, conversation) && Frames.Text(f).StartsWith(Welcome, StringComparison.Ordinal), $"welcome in {scope}");
        Assert.Contains(scope == "personal" ? "Type **meet now**" : "@mention me", Frames.Text(welcome), StringComparison.Ordinal);

        // Teams (and the Playground) announce an install twice (installationUpdate + conversationUpdate).
        // A later answer in the same scope is the barrier after which a second welcome would have shown.
        var sent = scope == "personal"
            ? await _api.SendAsync(conversation, "help")
            : await _api.SendAsync(conversation, Bot + " help", playground.BotName);
        string replyConversation = (string?)sent["postConversationId"] ?? conversation;
        await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, replyConversation) && Frames.Card(f) is not null, $"help card in {scope}");
        Assert.Single(_stream.Frames, f => Frames.IsBotMessage(f, playground.BotId, conversation) && Frames.Text(f).StartsWith(Welcome, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_in_personal_chat_answers_with_the_help_card()
    {
        await _api.SendAsync(playground.PersonalChatId, "help");

        var frame = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, playground.PersonalChatId) && Frames.Card(f) is { } c && Frames.CardText(c).Contains("What I can do", StringComparison.Ordinal), "help card");
        var card = Frames.Card(frame)!;
        CardValidator.AssertValid(card);
        string text = Frames.CardText(card);
        Assert.Contains("meet now", text, StringComparison.Ordinal);
        Assert.Contains("cancel", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@mention me first", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meet_now_with_a_real_mention_in_the_group_chat_posts_the_meeting_card_with_join_and_the_mention()
    {
        string subject = "release go-no-go " + Guid.NewGuid().ToString("N")[..8];

        await _api.SendAsync(playground.GroupChatId, $"{Bot} meet now with <at>Alice Anders</at> about {subject}", playground.BotName, "Alice Anders");

        var frame = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, playground.GroupChatId) && Frames.Card(f) is { } c && Frames.CardText(c).Contains(subject, StringComparison.Ordinal), "meeting card");
        var card = Frames.Card(frame)!;
        CardValidator.AssertValid(card);
        var join = Assert.Single(card["actions"]!.AsArray(), a => (string)a!["type"]! == "Action.OpenUrl")!;
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", (string)join["url"]!, StringComparison.Ordinal);
        var mention = Assert.Single(card["msteams"]!["entities"]!.AsArray())!;
        Assert.Equal((string)playground.User("Alice Anders")["id"]!, (string)mention["mentioned"]!["id"]!);
        Assert.Equal("<at>Alice Anders</at>", (string)mention["text"]!);
        Assert.NotNull(Frames.ActionWithVerb(card, "cancelMeeting"));

        // The meeting the simulated Graph created: organised by the Playground's current user, with Alice invited.
        var create = Assert.Single(await GraphRequestsAsync(), r => r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal) && r.Body?["subject"]?.GetValue<string>() == subject);
        Assert.Contains("/users/" + (string)playground.Config["currentUser"]!["aadObjectId"]! + "/", create.Path, StringComparison.Ordinal);
        var attendees = create.Body!["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!);
        Assert.Equal([(string)playground.User("Alice Anders")["aadObjectId"]!], attendees);
    }

    [Fact]
    public async Task Action_Execute_cancel_returns_the_cancelled_card_and_the_posted_card_is_updated_through_the_stream()
    {
        string subject = "budget review " + Guid.NewGuid().ToString("N")[..8];
        await _api.SendAsync(playground.GroupChatId, $"{Bot} meet now with <at>Bob Brown</at> about {subject}", playground.BotName, "Bob Brown");
        var posted = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, playground.GroupChatId) && Frames.Card(f) is { } c && Frames.CardText(c).Contains(subject, StringComparison.Ordinal), "meeting card");
        var cancel = Frames.ActionWithVerb(Frames.Card(posted)!, "cancelMeeting")!;
        Assert.Equal("Action.Execute", (string)cancel["type"]!);

        var response = await _api.ExecuteAsync(playground.GroupChatId, Frames.MessageId(posted), cancel);

        Assert.Equal(Frames.AdaptiveCard, (string)response["type"]!);
        var returned = response["value"]!.AsObject();
        CardValidator.AssertValid(returned);
        Assert.Contains("Cancelled: " + subject, Frames.CardText(returned), StringComparison.Ordinal);
        Assert.Null(Frames.ActionWithVerb(returned, "cancelMeeting"));
        Assert.DoesNotContain(returned["actions"]?.AsArray() ?? [], a => (string)a!["type"]! == "Action.OpenUrl");

        var updated = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, playground.GroupChatId, "updateMessage") && Frames.MessageId(f) == Frames.MessageId(posted), "updateMessage of the meeting card");
        var updatedCard = Frames.Card(updated)!;
        CardValidator.AssertValid(updatedCard);
        Assert.Contains("Cancelled: " + subject, Frames.CardText(updatedCard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_post_creates_the_meeting_in_its_thread_and_cancel_in_the_thread_updates_that_card()
    {
        string subject = "checkout outage " + Guid.NewGuid().ToString("N")[..8];

        var post = await _api.SendAsync(playground.ChannelId, $"{Bot} meet now with <at>Carol Chen</at> about {subject}", playground.BotName, "Carol Chen");

        string thread = (string)post["postConversationId"]!;
        Assert.StartsWith(playground.ChannelId + ";messageid=", thread, StringComparison.Ordinal);
        var posted = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, thread) && Frames.Card(f) is { } c && Frames.CardText(c).Contains(subject, StringComparison.Ordinal), "meeting card in the thread");
        CardValidator.AssertValid(Frames.Card(posted)!);

        await _api.SendAsync(thread, Bot + " cancel", playground.BotName);

        var reply = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, thread) && Frames.Text(f).StartsWith("Cancelled", StringComparison.Ordinal), "cancel reply in the thread");
        Assert.Contains(subject, Frames.Text(reply), StringComparison.Ordinal);
        var updated = await _stream.WaitForAsync(f => Frames.IsBotMessage(f, playground.BotId, thread, "updateMessage") && Frames.MessageId(f) == Frames.MessageId(posted), "updateMessage of the thread's card");
        var card = Frames.Card(updated)!;
        CardValidator.AssertValid(card);
        Assert.Contains("Cancelled: " + subject, Frames.CardText(card), StringComparison.Ordinal);
        Assert.Null(Frames.ActionWithVerb(card, "cancelMeeting"));
    }

    private async Task<IReadOnlyList<RecordedGraphRequest>> GraphRequestsAsync()
    {
        using var client = playground.Bot.CreateLoopbackClient();
        string json = await client.GetStringAsync(new Uri("/_local/graph/_requests", UriKind.Relative));
        return JsonSerializer.Deserialize(json, LocalGraphJsonContext.Default.IReadOnlyListRecordedGraphRequest)!;
    }
}
