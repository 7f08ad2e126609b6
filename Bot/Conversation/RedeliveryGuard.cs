using System.Collections.Concurrent;
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
/// <para>
/// A turn that has answered is marked done in the background (<see cref="CompleteInBackground"/>): Teams gets its
/// HTTP 200 without waiting for that write, and until it lands the claim's lease turns redeliveries away just as the
/// mark does. <see cref="RedeliveryGuardShutdown"/> waits for the marks still being written when the bot stops.
/// </para>
/// </summary>
public sealed class RedeliveryGuard(IBotStore store, TimeProvider timeProvider, IOptions<BotOptions> options, ILogger<RedeliveryGuard> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _completionsInFlight = new();

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

    /// <summary>Marks the activity done: every later delivery is a duplicate. Turns call <see cref="CompleteInBackground"/>.</summary>
    private async Task CompleteAsync(TurnClaim claim, CancellationToken cancellationToken)
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

    /// <summary>
    /// Starts <see cref="CompleteAsync"/> without waiting for it, for a turn that has done its work and is about to
    /// answer: the write no longer holds back Teams' HTTP 200. A failure is logged (the claim then expires after its
    /// lease, as a crash's would); it never reaches the turn. Not tied to the request's cancellation: the mark is
    /// wanted even if Teams hangs up.
    /// </summary>
    public void CompleteInBackground(TurnClaim claim)
    {
        var completion = CompleteOrLogAsync(claim);
        if (completion.IsCompleted)
        {
            return;
        }

        _completionsInFlight.TryAdd(completion, 0);
        // Runs at once if the write finished in between, so no finished write stays in the set.
        _ = completion.ContinueWith(
            static (finished, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(finished, out _),
            _completionsInFlight, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>How many background completion marks are still being written (for tests and shutdown).</summary>
    public int CompletionsInFlight => _completionsInFlight.Count;

    /// <summary>Completes when every mark started by <see cref="CompleteInBackground"/> so far has been written (or has failed and been logged).</summary>
    public async Task WaitForCompletionsAsync(CancellationToken cancellationToken)
    {
        while (!_completionsInFlight.IsEmpty)
        {
            await Task.WhenAll(_completionsInFlight.Keys).WaitAsync(cancellationToken);
        }
    }

    private async Task CompleteOrLogAsync(TurnClaim claim)
    {
        try
        {
            await CompleteAsync(claim, CancellationToken.None);
        }
        catch (Exception ex)
        {
            RouterLog.CompletionNotWritten(logger, claim.ActivityId, claim.ConversationId, ex);
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
