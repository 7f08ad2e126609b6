using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Conversation;

/// <summary>
/// Makes Teams redeliveries of the same activity harmless (idempotency keyed on the activity id, in
/// the shared store so it holds across instances). The first delivery claims the activity with an
/// insert; concurrent or later deliveries find the claim and do nothing. A claim carries a lease: if
/// the instance that claimed it died mid-turn, a redelivery after the lease takes it over.
/// </summary>
public sealed class RedeliveryGuard(IBotStore store, TimeProvider timeProvider, IOptions<BotOptions> options)
{
    public async Task<TurnClaim?> TryClaimAsync(Activity activity, CancellationToken cancellationToken)
    {
        string conversationId = activity.Conversation!.Id!;
        string activityId = activity.Id!;
        var now = timeProvider.GetUtcNow();
        var expires = now + options.Value.RedeliveryWindow;
        var claim = new ProcessedActivity(Completed: false, LeaseUntil: now + options.Value.TurnLease);
        try
        {
            var inserted = await store.InsertAsync(StoreTables.Idempotency, conversationId, activityId, claim, ConversationJsonContext.Default.ProcessedActivity, expires, cancellationToken);
            return new TurnClaim(conversationId, activityId, inserted.ETag);
        }
        catch (StoreConflictException)
        {
            var existing = await store.GetAsync(StoreTables.Idempotency, conversationId, activityId, ConversationJsonContext.Default.ProcessedActivity, cancellationToken);
            if (existing is null || existing.Value.Completed || existing.Value.LeaseUntil > now)
            {
                return null;
            }

            try
            {
                var taken = await store.ReplaceAsync(StoreTables.Idempotency, conversationId, activityId, claim, existing.ETag, ConversationJsonContext.Default.ProcessedActivity, expires, cancellationToken);
                return new TurnClaim(conversationId, activityId, taken.ETag);
            }
            catch (StoreConflictException)
            {
                return null;
            }
        }
    }

    /// <summary>Marks the activity done: every later delivery is a duplicate.</summary>
    public async Task CompleteAsync(TurnClaim claim, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            await store.ReplaceAsync(StoreTables.Idempotency, claim.ConversationId, claim.ActivityId, new ProcessedActivity(true, now),
                claim.ETag, ConversationJsonContext.Default.ProcessedActivity, now + options.Value.RedeliveryWindow, cancellationToken);
        }
        catch (StoreConflictException)
        {
            // Another delivery took the activity over after our lease ran out; it will complete it.
        }
    }

    /// <summary>Gives the activity up so that Teams' redelivery processes it again.</summary>
    public async Task ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(StoreTables.Idempotency, claim.ConversationId, claim.ActivityId, claim.ETag, cancellationToken);
        }
        catch (StoreConflictException)
        {
        }
    }
}
