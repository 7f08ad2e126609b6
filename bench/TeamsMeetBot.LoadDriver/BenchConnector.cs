using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using TeamsMeetBot.LocalGraph;

namespace TeamsMeetBot.LoadDriver;

/// <summary>One call the bot made to the fake Connector, with driver-clock timestamps (arrival, answer).</summary>
internal sealed record ConnectorCall(string Method, string What, string ConversationId, long StartTimestamp, long EndTimestamp);

/// <summary>When a reply reached the fake Connector and when the Connector answered it, in driver-clock timestamps.</summary>
internal readonly record struct ConnectorReply(long ArrivedTimestamp, long AnsweredTimestamp);

/// <summary>
/// The Bot Connector stand-in for load runs: answers replies/sends (201 with an id), updates (200) and
/// member look-ups (from a fixed table, 404 otherwise) after an injected latency, and tells waiters
/// when the reply to a given activity id has been answered. Calls are recorded only while
/// <see cref="Recording"/> is on (trace runs), so long load runs keep no per-request state.
/// </summary>
internal sealed class BenchConnector : IAsyncDisposable
{
    private readonly LoopbackServer server;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ConnectorReply>> replyWaiters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ConnectorCall> calls = new();
    private readonly IReadOnlyDictionary<string, string> members;
    private long posts;
    private long nextId;
    private string? firstPostedActivity;

    private BenchConnector(LoopbackServer server, IReadOnlyDictionary<string, string> members)
    {
        this.server = server;
        this.members = members;
    }

    /// <summary>The serviceUrl to put in activities: <c>http://127.0.0.1:port/</c>.</summary>
    public string ServiceUrl => server.BaseAddress.AbsoluteUri;

    /// <summary>Injected delay per call, before the answer.</summary>
    public TimeSpan Latency { get; set; }

    public bool Recording { get; set; }

    public long ActivitiesPosted => Interlocked.Read(ref posts);

    /// <summary>The JSON body of the first activity posted to this Connector (the baseline bot posts the same attachments).</summary>
    public string? FirstPostedActivity => Volatile.Read(ref firstPostedActivity);

    public IReadOnlyList<ConnectorCall> Calls => [.. calls];

    /// <param name="members">Teams member id → the member JSON the Connector returns for it.</param>
    public static async Task<BenchConnector> StartAsync(IReadOnlyDictionary<string, string> members, CancellationToken cancellationToken)
    {
        BenchConnector? connector = null;
        var server = await LoopbackServer.StartAsync(context => connector!.HandleAsync(context), cancellationToken);
        connector = new BenchConnector(server, members);
        return connector;
    }

    /// <summary>Completes with the driver timestamps at which the bot's reply to <paramref name="activityId"/> arrived and was answered.</summary>
    public Task<ConnectorReply> WatchReply(string activityId)
    {
        var waiter = new TaskCompletionSource<ConnectorReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        replyWaiters[activityId] = waiter;
        return waiter.Task;
    }

    public void ForgetReply(string activityId) => replyWaiters.TryRemove(activityId, out _);

    public void ClearCalls() => calls.Clear();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        long start = TimeProvider.System.GetTimestamp();
        if (Volatile.Read(ref firstPostedActivity) is null && context.Request.Method == "POST")
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            Interlocked.CompareExchange(ref firstPostedActivity, await reader.ReadToEndAsync(context.RequestAborted), null);
        }
        else
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }

        // The latency counts from the request's arrival, as a remote service's does (reading the body is part of it).
        await SimulatedLatency.WaitOutAsync(TimeProvider.System, start, Latency, context.RequestAborted);

        // /v3/conversations/{conversationId}/activities[/{activityId}] or /v3/conversations/{id}/members/{memberId}
        string[] segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        string method = context.Request.Method;
        string conversationId = segments.Length > 2 ? segments[2] : "";
        string what;
        string? body;
        int status;
        string? repliedTo = null;
        if (segments.Length >= 4 && segments[0] == "v3" && segments[1] == "conversations" && segments[3] == "activities" && method is "POST" or "PUT")
        {
            status = method == "POST" ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            string id = method == "PUT" && segments.Length > 4 ? segments[4] : "bench-" + Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
            body = "{\"id\":\"" + id + "\"}";
            what = method == "POST" ? "post activity" : "update activity";
            if (method == "POST")
            {
                Interlocked.Increment(ref posts);
                repliedTo = segments.Length > 4 ? segments[4] : null;
            }
        }
        else if (segments.Length == 5 && segments[0] == "v3" && segments[3] == "members" && method == "GET")
        {
            what = "get member " + segments[4];
            body = members.TryGetValue(segments[4], out string? member) ? member : null;
            status = body is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            body ??= """{"error":{"code":"MemberNotFoundInConversation","message":"The member was not found."}}""";
        }
        else
        {
            what = "unknown " + context.Request.Path.Value;
            status = StatusCodes.Status404NotFound;
            body = """{"error":{"code":"NotFound","message":"Unknown route."}}""";
        }

        long end = Stopwatch.GetTimestamp();
        if (Recording)
        {
            calls.Enqueue(new ConnectorCall(method, what, conversationId, start, end));
        }

        if (repliedTo is not null && replyWaiters.TryRemove(repliedTo, out var waiter))
        {
            waiter.TrySetResult(new ConnectorReply(start, end));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body), context.RequestAborted);
    }
}
