using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Storage;
using TeamsMeetBot.Tests.Authentication;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Conversation;

/// <summary>
/// A turn that has answered marks its activity done in the background: Teams' HTTP 200 does not wait for that write,
/// the claim's lease turns redeliveries away until it lands, a failed mark is logged without troubling the person,
/// and a stopping bot waits for the marks still being written.
/// </summary>
public sealed class CompletionMarkTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly CompletionMarkGate _gate = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly BotHost _bot;
    private FakeConnector _connector = null!;
    private HttpClient _client = null!;

    public CompletionMarkTests()
    {
        _bot = new BotHost(services: services =>
        {
            services.AddSingleton<IBotStore>(sp => _gate.Wrap(sp.GetRequiredService<SqliteBotStore>()));
            services.AddSingleton<ILoggerProvider>(_logs);
        });
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _client = _bot.CreateLoopbackClient();
    }

    public async Task DisposeAsync()
    {
        _gate.Open();
        _client.Dispose();
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task The_answer_does_not_wait_for_the_mark_and_the_lease_turns_redeliveries_away_until_it_lands()
    {
        var guard = _bot.Service<RedeliveryGuard>();
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help");

        // With the mark held back, the turn must still answer: awaiting the mark would hang here.
        using var first = await TestActivities.PostAsync(_client, activity).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await _gate.MarkStarted.WaitAsync(Patience);
        Assert.Single(await _connector.WaitForActivitiesAsync(1, Patience));
        Assert.Equal(1, guard.CompletionsInFlight);
        Assert.False((await ReadClaimAsync(activity)).Completed);

        using var redelivery = await TestActivities.PostAsync(_client, activity.DeepClone().AsObject()).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);

        _gate.Open();
        await guard.WaitForCompletionsAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(0, guard.CompletionsInFlight);
        Assert.True((await ReadClaimAsync(activity)).Completed);
        Assert.Single(_connector.PostedActivities);
        Assert.Equal(1, _gate.MarksWritten);
    }

    [Fact]
    public async Task A_mark_that_cannot_be_written_is_logged_with_its_ids_and_the_person_only_sees_their_answer()
    {
        _gate.FailWith(new StoreUnavailableException("The SQLite database is locked (test)."));
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help");

        using var response = await TestActivities.PostAsync(_client, activity).WaitAsync(Patience);
        await _bot.Service<RedeliveryGuard>().WaitForCompletionsAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await _connector.WaitForActivitiesAsync(1, Patience));
        Assert.DoesNotContain(ActivityRouter.StoreDownMessage, posted.Json, StringComparison.Ordinal);
        await Task.Delay(200); // a wrongful "I can't reach my storage" would be posted by now
        Assert.Single(_connector.PostedActivities);
        var logged = Assert.Single(_logs.Entries, e => e.EventId.Id == 206);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains((string)activity["id"]!, logged.Message, StringComparison.Ordinal);
        Assert.Contains((string)activity["conversation"]!["id"]!, logged.Message, StringComparison.Ordinal);
        Assert.IsType<StoreUnavailableException>(logged.Exception);
        Assert.False((await ReadClaimAsync(activity)).Completed);
    }

    [Fact]
    public async Task Stopping_the_bot_waits_for_marks_still_being_written_within_the_shutdown_timeout()
    {
        var shutdown = Assert.Single(_bot.Service<IEnumerable<IHostedService>>().OfType<RedeliveryGuardShutdown>());
        var activity = TestActivities.Personal(_connector.ServiceUrl, "help");
        using var response = await TestActivities.PostAsync(_client, activity).WaitAsync(Patience);
        await _gate.MarkStarted.WaitAsync(Patience);

        using (var shutdownTimeout = new CancellationTokenSource())
        {
            var timedOut = shutdown.StopAsync(shutdownTimeout.Token);
            await Task.Delay(100);
            Assert.False(timedOut.IsCompleted, "the stop returned while a mark was still being written");
            await shutdownTimeout.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => timedOut.WaitAsync(Patience));
        }

        var stop = shutdown.StopAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(stop.IsCompleted, "the stop returned while a mark was still being written");
        _gate.Open();
        await stop.WaitAsync(Patience);
        Assert.True((await ReadClaimAsync(activity)).Completed);
    }

    private async Task<ProcessedActivity> ReadClaimAsync(JsonObject activity)
    {
        var stored = await _bot.Service<SqliteBotStore>().GetAsync(
            StoreTables.Idempotency, (string)activity["conversation"]!["id"]!, (string)activity["id"]!, ConversationJsonContext.Default.ProcessedActivity, CancellationToken.None);
        return Assert.IsType<StoredItem<ProcessedActivity>>(stored).Value;
    }

    /// <summary>The bot's store, with the writes that mark an activity done held back (or failed) until the test says.</summary>
    private sealed class CompletionMarkGate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _markStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Exception? _failure;
        private int _marksWritten;

        public Task MarkStarted => _markStarted.Task;

        public int MarksWritten => Volatile.Read(ref _marksWritten);

        public void Open() => _open.TrySetResult();

        public void FailWith(Exception failure)
        {
            _failure = failure;
            Open();
        }

        public IBotStore Wrap(IBotStore inner) => new GatedStore(inner, this);

        private async Task BeforeMarkAsync()
        {
            _markStarted.TrySetResult();
            await _open.Task;
            if (_failure is not null)
            {
                throw _failure;
            }
        }

        private sealed class GatedStore(IBotStore inner, CompletionMarkGate gate) : DelegatingBotStore(inner)
        {
            public override async Task<StoredItem<T>> ReplaceAsync<T>(string table, string partitionKey, string rowKey, T value, string etag, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
            {
                if (table == StoreTables.Idempotency && value is ProcessedActivity { Completed: true })
                {
                    await gate.BeforeMarkAsync();
                    var written = await base.ReplaceAsync(table, partitionKey, rowKey, value, etag, type, expiresAt, cancellationToken);
                    Interlocked.Increment(ref gate._marksWritten);
                    return written;
                }

                return await base.ReplaceAsync(table, partitionKey, rowKey, value, etag, type, expiresAt, cancellationToken);
            }
        }
    }
}
