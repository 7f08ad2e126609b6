using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>Which requests carry the bot's token, and the 401 refresh. https hosts are served by a capturing handler.</summary>
public sealed class ConnectorAuthTests
{
    private const string ConversationId = "a:1personal";

    private static Activity Message => new() { Type = "message", Text = "hi" };

    [Fact]
    public async Task An_allowed_https_host_gets_the_bearer_token_for_the_connector_scope()
    {
        var handler = new CapturingHandler();
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        await host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None);
        await host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None);

        Assert.All(handler.Requests, r => Assert.Equal("Bearer token-1", r.Authorization));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/v3/conversations/a%3A1personal/activities", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(1, host.Credential.Calls);
        Assert.Equal(["https://api.botframework.com/.default"], Assert.Single(host.Credential.RequestedScopes));
    }

    public static TheoryData<string> ForeignServiceUrls => new()
    {
        "https://evil.example/amer/",
        "http://smba.trafficmanager.net/amer/",
        "http://127.0.0.1:3978/_connector/",
    };

    [Theory]
    [MemberData(nameof(ForeignServiceUrls))]
    public async Task A_service_url_that_is_not_allowed_gets_no_request_and_no_token(string serviceUrl)
    {
        var handler = new CapturingHandler();
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(serviceUrl, ConversationId, Message, CancellationToken.None));

        Assert.True(ex.IsServiceUrlRefused);
        Assert.Equal(ConnectorErrorCodes.ServiceUrlNotAllowed, ex.ErrorCode);
        Assert.Empty(handler.Requests);
        Assert.Equal(0, host.Credential.Calls);
    }

    [Fact]
    public async Task The_pipeline_itself_refuses_a_foreign_request_url()
    {
        var handler = new CapturingHandler();
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        using var http = factory.CreateClient(nameof(ConnectorClient));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => http.GetAsync(new Uri("https://evil.example/v3/conversations")));

        Assert.True(ex.IsServiceUrlRefused);
        Assert.Empty(handler.Requests);
        Assert.Equal(0, host.Credential.Calls);
    }

    [Fact]
    public async Task Loopback_in_local_mode_gets_no_token()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var host = ConnectorTestHost.Create(localMode: true);

        await host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(0, host.Credential.Calls);
    }

    [Fact]
    public async Task A_401_drops_the_token_fetches_a_new_one_and_retries_once()
    {
        var handler = new CapturingHandler
        {
            Responder = (request, _) => request.Authorization == "Bearer token-1"
                ? new HttpResponseMessage(HttpStatusCode.Unauthorized)
                : new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"5"}""") },
        };
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        var result = await host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None);

        Assert.Equal("5", result.Id);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], handler.Requests.Select(r => r.Authorization));
        Assert.Equal(2, host.Credential.Calls);

        // The fresh token is cached for later calls.
        await host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None);
        Assert.Equal("Bearer token-2", handler.Requests[^1].Authorization);
        Assert.Equal(2, host.Credential.Calls);
    }

    [Fact]
    public async Task A_second_401_is_reported_without_further_retries()
    {
        var handler = new CapturingHandler { Responder = (_, _) => new HttpResponseMessage(HttpStatusCode.Unauthorized) };
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Empty(host.Time.Delays);
    }

    [Fact]
    public async Task Error_messages_never_contain_the_response_body()
    {
        const string secretLooking = "eyJhbGciOiJSUzI1NiJ9.leaked.token";
        var handler = new CapturingHandler
        {
            Responder = (_, _) => new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent($$$"""{"error":{"code":"BadArgument","message":"{{{secretLooking}}}"}}"""),
            },
        };
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None));

        Assert.Equal("BadArgument", ex.ErrorCode);
        Assert.DoesNotContain(secretLooking, ex.ToString(), StringComparison.Ordinal);
    }
}
