using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Storage;
using TeamsMeetBot.Tests.Storage;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Meetings;

/// <summary>
/// A meeting's read-modify-write. After posting a card the bot updates the meeting it has just stored, from the
/// version in hand (no second read); a change made in between must not be lost.
/// </summary>
public sealed class MeetingStoreTests : IClassFixture<TempDirectoryFixture>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly SqliteBotStore _sqlite;
    private readonly ReadCountingStore _store;
    private readonly MeetingStore _meetings;

    public MeetingStoreTests(TempDirectoryFixture folder)
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(folder.Path, "meetings-" + Guid.NewGuid().ToString("N") + ".db") };
        _sqlite = new SqliteBotStore(Options.Create(options), new FakeTimeProvider(Start), NullLogger<SqliteBotStore>.Instance);
        _store = new ReadCountingStore(_sqlite);
        _meetings = new MeetingStore(_store);
    }

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task An_update_from_the_version_in_hand_writes_without_reading()
    {
        var stored = await _meetings.InsertAsync(Meeting(), None);

        var updated = await _meetings.UpdateAsync(stored, m => m with { CardActivityId = "card-1" }, None);

        Assert.Equal("card-1", updated?.CardActivityId);
        Assert.Equal(0, _store.Reads);
        Assert.Equal("card-1", (await Reread(stored)).CardActivityId);
    }

    [Fact]
    public async Task An_update_from_a_version_changed_since_reads_and_keeps_both_changes()
    {
        var stored = await _meetings.InsertAsync(Meeting(), None);
        await _meetings.ReplaceAsync(stored.Value with { Status = MeetingStatus.Cancelled, CancelledBy = "Olivia Organizer" }, stored.ETag, None);

        var updated = await _meetings.UpdateAsync(stored, m => m with { CardActivityId = "card-1" }, None);

        Assert.Equal(1, _store.Reads);
        Assert.Equal("card-1", updated?.CardActivityId);
        var kept = await Reread(stored);
        Assert.Equal(MeetingStatus.Cancelled, kept.Status);
        Assert.Equal("Olivia Organizer", kept.CancelledBy);
        Assert.Equal("card-1", kept.CardActivityId);
    }

    [Fact]
    public async Task An_update_from_a_version_deleted_since_changes_nothing()
    {
        var stored = await _meetings.InsertAsync(Meeting(), None);
        await _sqlite.DeleteAsync(StoreTables.Meetings, stored.PartitionKey, stored.RowKey, etag: null, None);

        var updated = await _meetings.UpdateAsync(stored, m => m with { CardActivityId = "card-1" }, None);

        Assert.Null(updated);
        Assert.Null(await _meetings.GetAsync(PlaygroundTeam.TenantId, stored.Value.Conversation.ConversationId, stored.Value.Key, None));
    }

    private async Task<MeetingRecord> Reread(StoredItem<MeetingRecord> stored) =>
        (await _sqlite.GetAsync(StoreTables.Meetings, stored.PartitionKey, stored.RowKey, MeetingsJsonContext.Default.MeetingRecord, None))!.Value;

    private static MeetingRecord Meeting() => new()
    {
        Key = new string('a', 64),
        TenantId = PlaygroundTeam.TenantId,
        Conversation = new ConversationReference { ConversationId = "19:chat@thread.v2", ServiceUrl = "https://smba.trafficmanager.net/amer/", TenantId = PlaygroundTeam.TenantId, BotId = "28:bot" },
        SourceActivityId = "a1",
        Organizer = new MeetingPerson("29:organizer-id", "Olivia Organizer", PlaygroundTeam.OrganizerAad, null),
        Subject = "Failover",
        StartUtc = Start,
        EndUtc = Start.AddMinutes(30),
        GraphMeetingId = "m1",
        JoinWebUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
        CreatedAt = Start,
    };

    /// <summary>The real store, counting reads of single items.</summary>
    private sealed class ReadCountingStore(IBotStore inner) : DelegatingBotStore(inner)
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override Task<StoredItem<T>?> GetAsync<T>(string table, string partitionKey, string rowKey, JsonTypeInfo<T> type, CancellationToken cancellationToken)
            where T : default
        {
            Interlocked.Increment(ref _reads);
            return base.GetAsync(table, partitionKey, rowKey, type, cancellationToken);
        }
    }
}
