using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>The fake Connector's own behaviour that other test suites rely on.</summary>
public sealed class FakeConnectorTests : IAsyncLifetime
{
    private FakeConnector fake = null!;
    private ConnectorTestHost host = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeConnector.StartAsync();
        host = ConnectorTestHost.Create(localMode: true);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task Injected_failures_hit_only_the_next_matching_requests()
    {
        fake.FailNext(1, "POST", "/activities", FakeResponse.Error(400, "BadSyntax"));

        await Assert.ThrowsAsync<global::TeamsMeetBot.BotFramework.Connector.ConnectorException>(() =>
            host.Client.SendToConversationAsync(fake.ServiceUrl, "a:1", new Activity { Type = "message", Text = "1" }, CancellationToken.None));
        await host.Client.SendToConversationAsync(fake.ServiceUrl, "a:1", new Activity { Type = "message", Text = "2" }, CancellationToken.None);

        Assert.Equal([400, 201], fake.Requests.Select(r => r.ResponseStatus));
        Assert.Equal("2", Assert.Single(fake.PostedActivities).Activity.Text);
    }

    [Fact]
    public async Task A_created_conversation_with_an_initial_activity_counts_as_posted()
    {
        var created = await host.Client.CreateConversationAsync(fake.ServiceUrl, new ConversationParameters
        {
            IsGroup = true,
            ChannelData = new TeamsChannelData { Channel = new TeamsIdentifier { Id = "19:general@thread.tacv2" } },
            Activity = new Activity { Type = "message", Text = "new thread" },
            TenantId = "t",
        }, CancellationToken.None);

        var posted = await fake.WaitForActivitiesAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal(created.Id, posted[0].ConversationId);
        Assert.StartsWith("19:general@thread.tacv2;messageid=", created.Id, StringComparison.Ordinal);
        Assert.Equal(created.ActivityId, posted[0].ActivityId);
    }

    [Fact]
    public async Task Waiting_for_more_activities_than_arrive_reports_what_did_arrive()
    {
        await host.Client.SendToConversationAsync(fake.ServiceUrl, "a:1", new Activity { Type = "message" }, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => fake.WaitForActivitiesAsync(2, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("POST /v3/conversations/a:1/activities → 201", ex.Message, StringComparison.Ordinal);
    }
}
