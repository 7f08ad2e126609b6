using ActivityContext = System.Diagnostics.ActivityContext;
using ActivityCreationOptions = System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext>;
using ActivityListener = System.Diagnostics.ActivityListener;
using ActivitySamplingResult = System.Diagnostics.ActivitySamplingResult;
using ActivitySource = System.Diagnostics.ActivitySource;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Telemetry;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Connector;

public sealed class ConnectorRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new BotRuntime(false, "00000000-0000-0000-0000-0000000000b0", "72f988bf-86f1-41af-91ab-2d7cd011db47"));
        services.AddSingleton(Options.Create(new BotCredentialsOptions()));
        services.AddConnectorClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public async Task Defaults_apply_when_nothing_is_configured()
    {
        await using var services = Build([]);

        var options = services.GetRequiredService<IOptions<ConnectorOptions>>().Value;
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(20), options.RetryBudget);
        Assert.Equal(ConnectorOptions.DefaultAllowedServiceHosts, options.EffectiveAllowedServiceHosts);
        Assert.Equal([7, 8, 60, 1800], options.Pacing.EffectiveLimits.Select(l => l.PermitLimit));
        Assert.NotNull(services.GetRequiredService<ConnectorClient>());
    }

    [Fact]
    public async Task Configured_values_bind_and_hosts_replace_the_defaults()
    {
        await using var services = Build(new()
        {
            ["Connector:MaxRetries"] = "5",
            ["Connector:RetryBudget"] = "00:00:45",
            ["Connector:AllowedServiceHosts:0"] = "connector.contoso.test",
        });

        var options = services.GetRequiredService<IOptions<ConnectorOptions>>().Value;
        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(45), options.RetryBudget);
        Assert.Equal(["connector.contoso.test"], services.GetRequiredService<ServiceUrlPolicy>().AllowedHosts);
    }

    [Fact]
    public async Task Invalid_settings_are_reported_with_how_to_fix_them()
    {
        await using var services = Build(new() { ["Connector:MaxRetries"] = "-1", ["Connector:AllowedServiceHosts:0"] = "https://x.test/" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("MaxRetries", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("AllowedServiceHosts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public async Task Trace_context_goes_to_the_Connector_only_when_traces_are_exported(string? otlpEndpoint, bool expected)
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var host = ConnectorTestHost.Create(localMode: true, new Dictionary<string, string?> { [OutboundHttp.OtlpEndpointKey] = otlpEndpoint });
        using var source = new ActivitySource("TeamsMeetBot.Tests.TracePropagation");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => true,
            Sample = (ref ActivityCreationOptions _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using (var turn = source.StartActivity("turn"))
        {
            Assert.NotNull(turn);
            await host.Client.SendToConversationAsync(fake.ServiceUrl, "a:1", new Activity { Type = "message" }, CancellationToken.None);
        }

        var request = Assert.Single(fake.Requests);
        Assert.Equal(expected, request.Headers.ContainsKey("traceparent"));
    }

    [Fact]
    public void The_primary_handler_propagates_trace_context_only_when_asked_and_follows_no_redirect()
    {
        using var quiet = OutboundHttp.CreatePrimaryHandler(propagateTraceContext: false);
        using var tracing = OutboundHttp.CreatePrimaryHandler(propagateTraceContext: true);

        Assert.Null(quiet.ActivityHeadersPropagator);
        Assert.Same(System.Diagnostics.DistributedContextPropagator.Current, tracing.ActivityHeadersPropagator);
        Assert.Equal(TimeSpan.FromMinutes(5), quiet.PooledConnectionLifetime);
        Assert.False(quiet.AllowAutoRedirect);
        Assert.False(tracing.AllowAutoRedirect);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_from_the_Connector_is_not_followed_to_a_host_nobody_checked(int status)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var elsewhere = await FakeConnector.StartAsync("/elsewhere");
        connector.Respond(r => new FakeResponse(status, Headers: new Dictionary<string, string> { ["Location"] = elsewhere.ServiceUrl + "v3/conversations/a%3A1/activities" }));
        await using var host = ConnectorTestHost.Create(localMode: true, new Dictionary<string, string?> { ["Connector:MaxRetries"] = "0" });

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(connector.ServiceUrl, "a:1", new Activity { Type = "message", Text = "the card" }, CancellationToken.None));

        Assert.Equal((System.Net.HttpStatusCode)status, ex.StatusCode);
        Assert.Single(connector.Requests);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task Calls_are_counted_by_operation_and_status()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var host = ConnectorTestHost.Create(localMode: true);
        var meter = host.Telemetry.Meter;
        var measurements = new List<(long Value, string? Operation, string? Status)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "teamsmeetbot.connector.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? operation = null, status = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "operation") operation = tag.Value as string;
                if (tag.Key == "status") status = tag.Value as string;
            }

            lock (measurements)
            {
                measurements.Add((value, operation, status));
            }
        });
        listener.Start();

        await host.Client.SendToConversationAsync(fake.ServiceUrl, "a:1", new Activity { Type = "message" }, CancellationToken.None);
        await host.Client.GetMemberAsync(fake.ServiceUrl, "a:1", "29:nobody", CancellationToken.None);
        await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendToConversationAsync("https://evil.example/", "a:1", new Activity(), CancellationToken.None));

        Assert.Equal(
            [(1L, "SendToConversation", "201"), (1L, "GetMember", "404"), (1L, "SendToConversation", "refused")],
            measurements);
    }
}
