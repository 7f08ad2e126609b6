using Microsoft.Extensions.Options;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Calls;

/// <summary>
/// Graph ends a bot's call leg that sent no keep-alive for 45 minutes (reference §2.6, result 8537), and
/// incident calls often run longer. Every active call gets <c>POST /communications/calls/{id}/keepAlive</c>
/// every <see cref="CallsOptions.KeepAliveMinutes"/> (15 by default). The due time is claimed in the store
/// with an ETag write first, so several instances send one keep-alive per call and interval. A call Graph
/// no longer knows, or that ended, leaves the list.
/// </summary>
public sealed class CallKeepAlive(IBotStore store, CallStore calls, GraphCallsClient graph, IOptions<CallsOptions> options, TimeProvider timeProvider, ILogger<CallKeepAlive> logger)
{
    public const string Partition = "active-calls";

    private TimeSpan Interval => TimeSpan.FromMinutes(options.Value.KeepAliveMinutes);

    /// <summary>Called after a join: the call is kept alive from now on.</summary>
    public Task TrackAsync(string callId, string tenantId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return store.UpsertAsync(StoreTables.Calls, Partition, callId, new ActiveCall(tenantId, now, now), CallsJsonContext.Default.ActiveCall, now + TimeSpan.FromDays(2), cancellationToken);
    }

    /// <summary>Sends the keep-alives that are due; returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        int sent = 0;
        var now = timeProvider.GetUtcNow();
        await foreach (var item in store.QueryPartitionAsync(StoreTables.Calls, Partition, CallsJsonContext.Default.ActiveCall, cancellationToken))
        {
            string callId = item.RowKey;
            var record = await calls.GetAsync(callId, cancellationToken);
            if (record is null || record.State == CallState.Terminated)
            {
                await ForgetAsync(callId, cancellationToken);
                continue;
            }

            if (item.Value.LastKeepAlive + Interval > now)
            {
                continue;
            }

            try
            {
                await store.ReplaceAsync(StoreTables.Calls, Partition, callId, item.Value with { LastKeepAlive = now }, item.ETag,
                    CallsJsonContext.Default.ActiveCall, now + TimeSpan.FromDays(2), cancellationToken);
            }
            catch (StoreConflictException)
            {
                continue; // another instance claimed this keep-alive
            }

            try
            {
                if (await graph.KeepAliveAsync(callId, cancellationToken))
                {
                    sent++;
                }
                else
                {
                    CallsLog.KeepAliveCallGone(logger, callId);
                    await calls.UpdateAsync(callId, r => r.State == CallState.Terminated ? null
                        : r with { State = CallState.Terminated, EndedAt = now, EndReason = "The call had already ended." }, cancellationToken);
                    await ForgetAsync(callId, cancellationToken);
                }
            }
            catch (GraphFailureException failure)
            {
                CallsLog.KeepAliveFailed(logger, callId, failure.StatusCode ?? 0, failure);
            }
        }

        return sent;
    }

    private Task<bool> ForgetAsync(string callId, CancellationToken cancellationToken) =>
        store.DeleteAsync(StoreTables.Calls, Partition, callId, etag: null, cancellationToken);
}
