using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>
/// Per-conversation pacing, asserted by counts and order (never by elapsed time): a one-hour window
/// makes "still queued" a stable state, a short window lets queued writes drain in order.
/// </summary>
public sealed class ConversationWritePacerTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private FakeConnector fake = null!;

    public async Task InitializeAsync() => fake = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private static ConnectorTestHost Host(int permits, string window, int queueLimit = 100) =>
        ConnectorTestHost.Create(localMode: true, new Dictionary<string, string?>
        {
            ["Connector:Pacing:Limits:0:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Connector:Pacing:Limits:0:Window"] = window,
            ["Connector:Pacing:QueueLimit"] = queueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static Activity Message(int n) => new() { Type = "message", Text = $"message {n}" };

    [Fact]
    public async Task Writes_beyond_the_limit_wait_in_the_queue_instead_of_failing()
    {
        await using var host = Host(permits: 2, window: "01:00:00");
        using var cancel = new CancellationTokenSource();

        var sends = Enumerable.Range(1, 4)
            .Select(n => host.Client.SendToConversationAsync(fake.ServiceUrl, "a:paced", Message(n), cancel.Token))
            .ToArray();
        await fake.WaitForActivitiesAsync(2, Guard);
        await Task.WhenAll(sends[0], sends[1]);

        Assert.False(sends[2].IsCompleted);
        Assert.False(sends[3].IsCompleted);
        Assert.Equal(2, fake.Requests.Count);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sends[2]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sends[3]);
        Assert.Equal(["message 1", "message 2"], fake.PostedActivities.Select(a => a.Activity.Text));
    }

    [Fact]
    public async Task A_full_queue_fails_fast_without_sending()
    {
        await using var host = Host(permits: 1, window: "01:00:00", queueLimit: 1);
        using var cancel = new CancellationTokenSource();

        await host.Client.SendToConversationAsync(fake.ServiceUrl, "a:full", Message(1), cancel.Token);
        var waiting = host.Client.SendToConversationAsync(fake.ServiceUrl, "a:full", Message(2), cancel.Token);

        // QueueLimit 1: one write may wait for the window, the next one fails at once.
        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(fake.ServiceUrl, "a:full", Message(3), CancellationToken.None));

        Assert.Equal(ConnectorErrorCodes.ConversationQueueFull, ex.ErrorCode);
        Assert.Null(ex.StatusCode);
        Assert.Single(fake.Requests);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Each_conversation_has_its_own_limit()
    {
        await using var host = Host(permits: 1, window: "01:00:00");
        using var cancel = new CancellationTokenSource();

        await host.Client.SendToConversationAsync(fake.ServiceUrl, "a:busy", Message(1), cancel.Token);
        var queued = host.Client.SendToConversationAsync(fake.ServiceUrl, "a:busy", Message(2), cancel.Token);
        await host.Client.SendToConversationAsync(fake.ServiceUrl, "a:other", Message(3), cancel.Token);
        await host.Client.ReplyToActivityAsync(fake.ServiceUrl, "a:third", "1", Message(4), cancel.Token);

        Assert.False(queued.IsCompleted);
        Assert.Equal(["a:busy", "a:other", "a:third"], fake.PostedActivities.Select(a => a.ConversationId));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
    }

    [Fact]
    public async Task Queued_writes_go_out_in_the_order_they_were_made()
    {
        await using var host = Host(permits: 1, window: "00:00:00.050");

        var sends = Enumerable.Range(1, 6)
            .Select(n => n % 2 == 0
                ? host.Client.UpdateActivityAsync(fake.ServiceUrl, "a:ordered", "card", Message(n), CancellationToken.None)
                : host.Client.SendToConversationAsync(fake.ServiceUrl, "a:ordered", Message(n), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(sends);

        Assert.Equal(
            ["message 1", "message 2", "message 3", "message 4", "message 5", "message 6"],
            fake.Requests.Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Reads_are_not_paced()
    {
        await using var host = Host(permits: 1, window: "01:00:00");
        fake.AddMember(new TeamsChannelAccount { Id = "29:a" });

        for (int i = 0; i < 3; i++)
        {
            Assert.NotNull(await host.Client.GetMemberAsync(fake.ServiceUrl, "a:reads", "29:a", CancellationToken.None));
        }

        Assert.Equal(3, fake.Requests.Count);
    }
}
