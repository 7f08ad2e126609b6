using Microsoft.Extensions.Caching.Memory;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Conversation;

/// <summary>
/// Conversation references (protocol reference §6), refreshed from every inbound activity. A short
/// in-memory memo skips the write when nothing changed, so a busy conversation costs no store I/O.
/// Keys: partition = tenant id, row = conversation id (channel threads keep their <c>;messageid=</c>).
/// </summary>
public sealed class ConversationReferenceStore(IBotStore store, IMemoryCache memo, TimeProvider timeProvider)
{
    private static readonly MemoryCacheEntryOptions MemoOptions = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };

    public static ConversationReference? From(Activity activity)
    {
        if (activity.ServiceUrl is null || activity.Conversation?.Id is null || activity.Recipient?.Id is null)
        {
            return null;
        }

        var channelData = activity.ChannelData;
        return new ConversationReference
        {
            ServiceUrl = activity.ServiceUrl,
            ConversationId = activity.Conversation.Id,
            ConversationType = activity.Conversation.ConversationType,
            ConversationName = activity.Conversation.Name,
            TenantId = activity.TenantId ?? "",
            BotId = activity.Recipient.Id,
            BotName = activity.Recipient.Name,
            TeamId = channelData?.Team?.Id ?? channelData?.TeamsTeamId,
            TeamName = channelData?.Team?.Name,
            ChannelId = channelData?.Channel?.Id ?? channelData?.TeamsChannelId,
            ChannelName = channelData?.Channel?.Name,
        };
    }

    public async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        var reference = From(activity);
        if (reference is null)
        {
            return;
        }

        string memoKey = "convref|" + reference.TenantId + "|" + reference.ConversationId;
        if (memo.TryGetValue(memoKey, out ConversationReference? known) && known == reference)
        {
            return;
        }

        await store.UpsertAsync(StoreTables.Conversations, PartitionKey(reference.TenantId), reference.ConversationId, reference,
            ConversationJsonContext.Default.ConversationReference, expiresAt: null, cancellationToken);
        memo.Set(memoKey, reference, MemoOptions);
    }

    public async Task<ConversationReference?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var item = await store.GetAsync(StoreTables.Conversations, PartitionKey(tenantId), conversationId, ConversationJsonContext.Default.ConversationReference, cancellationToken);
        return item?.Value;
    }

    /// <summary>True the first time it is called for a conversation (until <see cref="ForgetWelcomeAsync"/>).</summary>
    public async Task<bool> TryMarkWelcomedAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            await store.InsertAsync(StoreTables.Conversations, WelcomePartition(tenantId), conversationId, new WelcomeMarker(timeProvider.GetUtcNow()),
                ConversationJsonContext.Default.WelcomeMarker, expiresAt: null, cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public Task ForgetWelcomeAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        store.DeleteAsync(StoreTables.Conversations, WelcomePartition(tenantId), conversationId, etag: null, cancellationToken);

    private static string PartitionKey(string tenantId) => string.IsNullOrEmpty(tenantId) ? "no-tenant" : tenantId;

    private static string WelcomePartition(string tenantId) => "welcomed|" + PartitionKey(tenantId);
}
