using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Memory;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Storage;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Conversation;

/// <summary>
/// The conversation reference is written when a conversation is new or anything in it changed, and not again for
/// every message: the memo recognises a stored reference by a fingerprint of all its fields.
/// </summary>
public sealed class ConversationReferenceStoreTests : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100 });
    private readonly UpsertRecordingStore _store = new();

    public ConversationReferenceStoreTests() => References = new ConversationReferenceStore(_store, _cache, TimeProvider.System);

    private ConversationReferenceStore References { get; }

    public static TheoryData<string, Action<Activity>> Changes => new()
    {
        { "serviceUrl", a => a.ServiceUrl = "https://smba.trafficmanager.net/emea/" },
        { "conversation id", a => a.Conversation!.Id = "19:ChannelID@thread.skype;messageid=1493158451001" },
        { "conversation type", a => a.Conversation!.ConversationType = "channel" },
        { "conversation name", a => a.Conversation!.Name = "Incident 4711" },
        { "tenant", a => a.ChannelData!.Tenant!.Id = "11111111-1111-1111-1111-111111111111" },
        { "bot id", a => a.Recipient!.Id = "28:00000000-0000-0000-0000-000000000001" },
        { "bot name", a => a.Recipient!.Name = "MeetBot" },
        { "team id", a => a.ChannelData!.Team!.Id = "19:OtherTeam@thread.skype" },
        { "team name", a => a.ChannelData!.Team!.Name = "Operations" },
        { "channel id", a => a.ChannelData!.Channel!.Id = "19:OtherChannel@thread.skype" },
        { "channel name", a => a.ChannelData!.Channel!.Name = "incidents" },
    };

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_conversation_is_written_once_while_nothing_in_it_changes()
    {
        await References.RememberAsync(ChannelMessage(), CancellationToken.None);
        await References.RememberAsync(ChannelMessage(), CancellationToken.None);
        await References.RememberAsync(ChannelMessage(), CancellationToken.None);

        var written = Assert.Single(_store.Upserts);
        Assert.Equal((StoreTables.Conversations, "b401cedf-7465-4c41-8f52-9b31a19f6826", "19:ChannelID@thread.skype;messageid=1493158451000"), (written.Table, written.Partition, written.Row));
        var reference = Assert.IsType<ConversationReference>(written.Value);
        Assert.Equal("https://smba.trafficmanager.net/amer-client-ss.msg/", reference.ServiceUrl);
        Assert.Equal("19:TeamID@thread.skype", reference.TeamId);
        Assert.Equal("19:ChannelID@thread.skype", reference.ChannelId);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Any_change_is_written(string what, Action<Activity> change)
    {
        await References.RememberAsync(ChannelMessage(), CancellationToken.None);
        var changed = ChannelMessage();
        change(changed);
        await References.RememberAsync(changed, CancellationToken.None);
        await References.RememberAsync(changed, CancellationToken.None);

        Assert.True(_store.Upserts.Count == 2, $"a changed {what} was written {_store.Upserts.Count - 1} times");
        Assert.Equal(ConversationReferenceStore.From(changed), _store.Upserts[1].Value);
    }

    [Fact]
    public async Task A_change_back_to_an_earlier_reference_is_written_too()
    {
        // Teams can move a conversation to another serviceUrl and back (a regional failover): the store must end
        // with the latest one, so the memo remembers what is stored for the conversation, not every reference seen.
        var moved = ChannelMessage();
        moved.ServiceUrl = "https://smba.trafficmanager.net/emea/";

        await References.RememberAsync(ChannelMessage(), CancellationToken.None);
        await References.RememberAsync(moved, CancellationToken.None);
        await References.RememberAsync(ChannelMessage(), CancellationToken.None);

        Assert.Equal(
            ["https://smba.trafficmanager.net/amer-client-ss.msg/", "https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/amer-client-ss.msg/"],
            _store.Upserts.Select(u => ((ConversationReference)u.Value!).ServiceUrl));
    }

    [Fact]
    public async Task Two_conversations_are_remembered_apart()
    {
        var other = ChannelMessage();
        other.Conversation!.Id = "19:ChannelID@thread.skype;messageid=2";

        await References.RememberAsync(ChannelMessage(), CancellationToken.None);
        await References.RememberAsync(other, CancellationToken.None);
        await References.RememberAsync(ChannelMessage(), CancellationToken.None);
        await References.RememberAsync(other, CancellationToken.None);

        Assert.Equal(["19:ChannelID@thread.skype;messageid=1493158451000", "19:ChannelID@thread.skype;messageid=2"], _store.Upserts.Select(u => u.Row));
    }

    [Fact]
    public void Every_field_of_the_reference_is_in_the_fingerprint()
    {
        var reference = ConversationReferenceStore.From(ChannelMessage())!;
        UInt128 original = ConversationReferenceStore.Fingerprint(reference);
        var properties = typeof(ConversationReference).GetProperties();
        Assert.All(properties, p => Assert.Equal(typeof(string), p.PropertyType));

        foreach (var property in properties)
        {
            var changed = reference with { };
            property.SetValue(changed, property.GetValue(reference) + "x");
            Assert.True(ConversationReferenceStore.Fingerprint(changed) != original, $"{property.Name} is not in the fingerprint");
        }
    }

    [Fact]
    public void The_fingerprint_tells_null_from_empty_and_keeps_fields_apart()
    {
        var reference = ConversationReferenceStore.From(ChannelMessage())! with { TeamName = "ab", ChannelId = "c" };

        Assert.NotEqual(ConversationReferenceStore.Fingerprint(reference), ConversationReferenceStore.Fingerprint(reference with { TeamName = "a", ChannelId = "bc" }));
        Assert.NotEqual(ConversationReferenceStore.Fingerprint(reference with { BotName = null }), ConversationReferenceStore.Fingerprint(reference with { BotName = "" }));
        Assert.Equal(ConversationReferenceStore.Fingerprint(reference), ConversationReferenceStore.Fingerprint(reference with { }));

        // A long channel name takes the pooled-buffer path.
        var longName = reference with { ChannelName = new string('n', 2_000) };
        Assert.NotEqual(ConversationReferenceStore.Fingerprint(longName), ConversationReferenceStore.Fingerprint(longName with { ChannelName = new string('n', 1_999) + "m" }));
    }

    private static Activity ChannelMessage() =>
        JsonSerializer.Deserialize(SharedData.ActivityJson("teams-payloads", "channel-message-two-mentions.json"), BotJsonContext.Default.Activity)!;

    private sealed class UpsertRecordingStore : UnsupportedBotStore
    {
        public List<(string Table, string Partition, string Row, object? Value)> Upserts { get; } = [];

        public override Task<StoredItem<T>> UpsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
        {
            lock (Upserts)
            {
                Upserts.Add((table, partitionKey, rowKey, value));
            }

            return Task.FromResult(new StoredItem<T>(partitionKey, rowKey, value, "etag-" + Upserts.Count, expiresAt));
        }
    }
}
