using System.Globalization;
using System.Net;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>Retry, back-off, Retry-After and give-up rules, against the fake Connector (waits are recorded, not slept).</summary>
public sealed class ConnectorRetryTests : IAsyncLifetime
{
    private const string ConversationId = "19:abc@thread.tacv2;messageid=1767";

    private FakeConnector fake = null!;

    public async Task InitializeAsync() => fake = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private static Activity Message => new() { Type = "message", Text = "hi" };

    [Fact]
    public async Task A_429_with_Retry_After_seconds_is_retried_after_that_wait()
    {
        await using var host = ConnectorTestHost.Create(localMode: true);
        fake.FailNext(1, "POST", "/activities", FakeResponse.TooManyRequests(retryAfter: "1"));

        var result = await host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None);

        Assert.Equal([429, 201], fake.Requests.Select(r => r.ResponseStatus));
        Assert.Equal([TimeSpan.FromSeconds(1)], host.Time.Delays);
        Assert.Equal(Assert.Single(fake.PostedActivities).ActivityId, result.Id);
    }

    [Fact]
    public async Task A_429_with_Retry_After_as_an_http_date_waits_until_that_date()
    {
        await using var host = ConnectorTestHost.Create(localMode: true);
        string date = (host.Time.GetUtcNow() + TimeSpan.FromSeconds(7)).ToString("r", CultureInfo.InvariantCulture);
        fake.FailNext(1, "POST", "/activities", FakeResponse.TooManyRequests(retryAfter: date));

        await host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None);

        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], host.Time.Delays);
    }

    [Fact]
    public async Task Without_Retry_After_the_waits_grow_exponentially_with_bounded_jitter()
    {
        await using var host = ConnectorTestHost.Create(localMode: true, new Dictionary<string, string?>
        {
            ["Connector:RetryBaseDelay"] = "00:00:01",
            ["Connector:RetryBudget"] = "00:01:00",
        });
        fake.FailNext(3, "POST", "/activities", FakeResponse.Empty(502));

        await host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None);

        var delays = host.Time.Delays;
        Assert.Equal(3, delays.Count);
        double[] nominal = [1, 2, 4];
        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, nominal[i] * 0.8, nominal[i] * 1.2);
        }
    }

    [Fact]
    public async Task It_gives_up_after_MaxRetries_with_the_last_status()
    {
        await using var host = ConnectorTestHost.Create(localMode: true, new Dictionary<string, string?> { ["Connector:MaxRetries"] = "2" });
        fake.FailNext(10, "POST", "/activities", FakeResponse.TooManyRequests(retryAfter: "1"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("TooManyRequests", ex.ErrorCode);
        Assert.Equal(3, fake.Requests.Count);
        Assert.Equal(2, host.Time.Delays.Count);
        Assert.Empty(fake.PostedActivities);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_remaining_budget_fails_at_once()
    {
        await using var host = ConnectorTestHost.Create(localMode: true, new Dictionary<string, string?> { ["Connector:RetryBudget"] = "00:00:20" });
        fake.FailNext(1, "POST", "/activities", FakeResponse.TooManyRequests(retryAfter: "30"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Single(fake.Requests);
        Assert.Empty(host.Time.Delays);
    }

    [Fact]
    public async Task The_budget_is_shared_by_all_waits_of_one_call()
    {
        await using var host = ConnectorTestHost.Create(localMode: true, new Dictionary<string, string?> { ["Connector:RetryBudget"] = "00:00:20" });
        fake.FailNext(3, "POST", "/activities", FakeResponse.TooManyRequests(retryAfter: "8"));

        await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None));

        // 8 s + 8 s fit in 20 s; the third 8 s wait would not.
        Assert.Equal([TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8)], host.Time.Delays);
        Assert.Equal(3, fake.Requests.Count);
    }

    public static TheoryData<int> RetryableStatuses => new() { 412, 429, 502, 504 };

    [Theory]
    [MemberData(nameof(RetryableStatuses))]
    public async Task Retryable_statuses_are_retried(int status)
    {
        await using var host = ConnectorTestHost.Create(localMode: true);
        fake.FailNext(2, "PUT", "/activities/42", FakeResponse.Empty(status));

        await host.Client.UpdateActivityAsync(fake.ServiceUrl, ConversationId, "42", Message, CancellationToken.None);

        Assert.Equal([status, status, 200], fake.Requests.Select(r => r.ResponseStatus));
    }

    public static TheoryData<FakeResponse, HttpStatusCode, string?> NonRetryableAnswers => new()
    {
        { FakeResponse.Error(400, "BadSyntax"), HttpStatusCode.BadRequest, "BadSyntax" },
        { FakeResponse.MessageWritesBlocked(), HttpStatusCode.Forbidden, "MessageWritesBlocked" },
        { FakeResponse.Error(404, "ConversationNotFound"), HttpStatusCode.NotFound, "ConversationNotFound" },
        { FakeResponse.Error(413, "MessageSizeTooBig"), HttpStatusCode.RequestEntityTooLarge, "MessageSizeTooBig" },
        { FakeResponse.Empty(500), HttpStatusCode.InternalServerError, null },
    };

    [Theory]
    [MemberData(nameof(NonRetryableAnswers))]
    public async Task Non_retryable_statuses_fail_after_one_request(FakeResponse answer, HttpStatusCode expectedStatus, string? expectedCode)
    {
        await using var host = ConnectorTestHost.Create(localMode: true);
        fake.FailNext(1, "POST", "/activities", answer);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None));

        Assert.Equal(expectedStatus, ex.StatusCode);
        Assert.Equal(expectedCode, ex.ErrorCode);
        Assert.Single(fake.Requests);
        Assert.Empty(host.Time.Delays);
    }

    [Fact]
    public async Task A_403_MessageWritesBlocked_is_recognised_with_its_request_id()
    {
        await using var host = ConnectorTestHost.Create(localMode: true);
        fake.FailNext(1, "POST", "/activities", FakeResponse.MessageWritesBlocked(requestId: "req-123"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(fake.ServiceUrl, ConversationId, Message, CancellationToken.None));

        Assert.True(ex.IsMessageWritesBlocked);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("req-123", ex.RequestId);
        Assert.DoesNotContain("Thread is blocked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transport_failures_are_retried_for_idempotent_methods()
    {
        var handler = new CapturingHandler
        {
            Responder = (_, index) => index == 0
                ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset")
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"29:a","name":"A"}""") },
        };
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        var member = await host.Client.GetMemberAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, "29:a", CancellationToken.None);

        Assert.Equal("A", member?.Name);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Single(host.Time.Delays);
    }

    [Fact]
    public async Task A_post_whose_connection_broke_after_sending_is_not_retried()
    {
        var handler = new CapturingHandler { Responder = (_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset") };
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None));

        Assert.Equal(ConnectorErrorCodes.TransportFailure, ex.ErrorCode);
        Assert.Null(ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_post_that_could_not_connect_is_retried()
    {
        var handler = new CapturingHandler
        {
            Responder = (_, index) => index == 0
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused")
                : new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"9"}""") },
        };
        await using var host = ConnectorTestHost.Create(localMode: false, primaryHandler: handler);

        var result = await host.Client.SendToConversationAsync(ConnectorTestHost.ProductionServiceUrl, ConversationId, Message, CancellationToken.None);

        Assert.Equal("9", result.Id);
        Assert.Equal(2, handler.Requests.Count);
    }
}
