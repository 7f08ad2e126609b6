using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Tests.Support;

/// <summary>
/// A Bot Connector stand-in: a tiny Kestrel app on 127.0.0.1 (port 0) that records every request
/// (method, decoded path segments, raw escaped target, headers, body) and answers like Teams does:
/// send/reply → 201 <c>{"id":"&lt;generated&gt;"}</c>, update → 200 <c>{"id"}</c>, delete → 200,
/// members and paged members from a configurable table (404 <c>MemberNotFoundInConversation</c> for
/// unknown ids), create conversation → 201 <c>{"id":"a:…"}</c>. Tests inject failures with
/// <see cref="FailNext(int, Func{RecordedRequest, bool}, FakeResponse)"/> or script answers with
/// <see cref="Respond"/>. Use <see cref="ServiceUrl"/> as the activities' serviceUrl.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<PostedActivity> posted = [];
    private readonly List<PostedActivity> updated = [];
    private readonly List<(string ConversationId, string ActivityId)> deleted = [];
    private readonly List<ConversationParameters> createdConversations = [];
    private readonly List<(string? ConversationId, TeamsChannelAccount Member)> members = [];
    private readonly HashSet<string> closedRosters = new(StringComparer.Ordinal);
    private readonly List<Injection> injections = [];
    private readonly List<Func<RecordedRequest, FakeResponse?>> scripts = [];
    private readonly List<Waiter> waiters = [];
    private readonly string pathBase;
    private WebApplication? app;
    private int nextId;

    private FakeConnector(string pathBase)
    {
        this.pathBase = "/" + pathBase.Trim('/');
        if (this.pathBase == "/")
        {
            this.pathBase = "";
        }
    }

    /// <summary>The serviceUrl to hand to the bot, e.g. <c>http://127.0.0.1:51234/_connector/</c>.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Page size used by <c>pagedmembers</c> when the caller sends none.</summary>
    public int DefaultMembersPageSize { get; set; } = 100;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (gate) { return requests.ToArray(); } }
    }

    /// <summary>Activities accepted (2xx) by send-to-conversation, reply and create-conversation, in arrival order.</summary>
    public IReadOnlyList<PostedActivity> PostedActivities
    {
        get { lock (gate) { return posted.ToArray(); } }
    }

    /// <summary>Activities accepted (2xx) by update (PUT), in arrival order.</summary>
    public IReadOnlyList<PostedActivity> UpdatedActivities
    {
        get { lock (gate) { return updated.ToArray(); } }
    }

    public IReadOnlyList<(string ConversationId, string ActivityId)> DeletedActivities
    {
        get { lock (gate) { return deleted.ToArray(); } }
    }

    public IReadOnlyList<ConversationParameters> CreatedConversations
    {
        get { lock (gate) { return createdConversations.ToArray(); } }
    }

    /// <summary>Starts the fake on a free loopback port; <paramref name="pathBase"/> mimics a serviceUrl path such as the Playground's <c>/_connector</c>.</summary>
    public static async Task<FakeConnector> StartAsync(string pathBase = "/_connector", CancellationToken cancellationToken = default)
    {
        var fake = new FakeConnector(pathBase);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.app = app;
        fake.ServiceUrl = address.TrimEnd('/') + fake.pathBase + "/";
        return fake;
    }

    /// <summary>Adds a member to every conversation (or only to <paramref name="conversationId"/>).</summary>
    public void AddMember(TeamsChannelAccount member, string? conversationId = null)
    {
        lock (gate)
        {
            members.Add((conversationId, member));
        }
    }

    /// <summary>
    /// Makes <paramref name="roster"/> the whole membership of <paramref name="conversationId"/>: members added for every
    /// conversation are not in it (a personal chat holds only its user).
    /// </summary>
    public void OnlyMembers(string conversationId, params TeamsChannelAccount[] roster)
    {
        lock (gate)
        {
            closedRosters.Add(conversationId);
            foreach (var member in roster)
            {
                members.Add((conversationId, member));
            }
        }
    }

    /// <summary>A persistent script consulted (after injected failures) before the default answers; return null to fall through.</summary>
    public void Respond(Func<RecordedRequest, FakeResponse?> script)
    {
        lock (gate)
        {
            scripts.Add(script);
        }
    }

    /// <summary>The next <paramref name="count"/> requests matching <paramref name="match"/> get <paramref name="response"/>.</summary>
    public void FailNext(int count, Func<RecordedRequest, bool> match, FakeResponse response)
    {
        lock (gate)
        {
            injections.Add(new Injection(match, response) { Remaining = count });
        }
    }

    /// <summary>The next <paramref name="count"/> <paramref name="method"/> requests whose decoded path ends with <paramref name="pathSuffix"/> get <paramref name="response"/>.</summary>
    public void FailNext(int count, string method, string pathSuffix, FakeResponse response) =>
        FailNext(count, r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal), response);

    /// <summary>Completes when at least <paramref name="count"/> activities were posted; throws <see cref="TimeoutException"/> listing what arrived otherwise.</summary>
    public Task<IReadOnlyList<PostedActivity>> WaitForActivitiesAsync(int count, TimeSpan timeout) =>
        WaitAsync(() => posted.Count >= count ? posted.ToArray() : null, timeout, $"{count} posted activities");

    /// <summary>Completes when at least <paramref name="count"/> requests matched <paramref name="match"/>.</summary>
    public Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(Func<RecordedRequest, bool> match, int count, TimeSpan timeout) =>
        WaitAsync(() => requests.Count(match) >= count ? requests.Where(match).ToArray() : null, timeout, $"{count} matching requests");

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<T>> WaitAsync<T>(Func<T[]?> check, TimeSpan timeout, string what)
    {
        var waiter = new Waiter(() => check());
        lock (gate)
        {
            if (check() is { } ready)
            {
                return ready;
            }

            waiters.Add(waiter);
        }

        var completed = await Task.WhenAny(waiter.Completion.Task, Task.Delay(timeout));
        if (completed == waiter.Completion.Task)
        {
            return (IReadOnlyList<T>)await waiter.Completion.Task;
        }

        lock (gate)
        {
            waiters.Remove(waiter);
        }

        throw new TimeoutException($"FakeConnector: waited {timeout} for {what}; received: " +
            string.Join(", ", Requests.Select(r => $"{r.Method} {r.Path} → {r.ResponseStatus}")));
    }

    private void SignalWaiters()
    {
        foreach (var waiter in waiters.ToArray())
        {
            if (waiter.Check() is { } result)
            {
                waiters.Remove(waiter);
                waiter.Completion.TrySetResult(result);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        string rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var recorded = RecordedRequest.From(context.Request.Method, rawTarget, pathBase, context.Request.Headers, body);
        FakeResponse response;
        lock (gate)
        {
            requests.Add(recorded);
            response = Answer(recorded);
            recorded.ResponseStatus = response.StatusCode;
            SignalWaiters();
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var header in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[header.Key] = header.Value;
        }

        if (!string.IsNullOrEmpty(response.Body))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    /// <summary>Decides the answer and records accepted activities; runs under <see cref="gate"/>.</summary>
    private FakeResponse Answer(RecordedRequest request)
    {
        var injected = injections.FirstOrDefault(i => i.Remaining > 0 && i.Match(request));
        if (injected is not null)
        {
            injected.Remaining--;
            return injected.Response;
        }

        foreach (var script in scripts)
        {
            if (script(request) is { } scripted)
            {
                RecordAccepted(request, scripted, generatedId: IdIn(scripted.Body) ?? "");
                return scripted;
            }
        }

        if (!request.IsUnderPathBase)
        {
            return FakeResponse.Error(404, "NotFound");
        }

        return Route(request);
    }

    private FakeResponse Route(RecordedRequest request)
    {
        var s = request.Segments;
        if (s.Count < 2 || s[0] != "v3" || s[1] != "conversations")
        {
            return FakeResponse.Error(404, "NotFound");
        }

        switch (request.Method, s.Count)
        {
            case ("POST", 2):
                return CreateConversation(request);
            case ("POST", 4) when s[3] == "activities":
            case ("POST", 5) when s[3] == "activities":
            case ("PUT", 5) when s[3] == "activities":
            {
                if (ParseActivity(request.Body) is null)
                {
                    return FakeResponse.Error(400, "BadSyntax");
                }

                string id = request.Method == "PUT" ? s[4] : NewId();
                var answer = FakeResponse.Json(request.Method == "PUT" ? 200 : 201, JsonSerializer.Serialize(new { id }));
                RecordAccepted(request, answer, id);
                return answer;
            }

            case ("DELETE", 5) when s[3] == "activities":
                deleted.Add((s[2], s[4]));
                return FakeResponse.Empty(200);
            case ("GET", 5) when s[3] == "members":
                return FindMember(s[2], s[4]) is { } member
                    ? FakeResponse.Json(200, JsonSerializer.Serialize(member, BotJsonContext.Default.TeamsChannelAccount))
                    : FakeResponse.Error(404, "MemberNotFoundInConversation", "The member was not found in the conversation.");
            case ("GET", 4) when s[3] == "members":
                return FakeResponse.Json(200, JsonSerializer.Serialize(MembersOf(s[2]), BotJsonContext.Default.ListTeamsChannelAccount));
            case ("GET", 4) when s[3] == "pagedmembers":
                return PagedMembers(request, s[2]);
            default:
                return FakeResponse.Error(404, "NotFound");
        }
    }

    private FakeResponse CreateConversation(RecordedRequest request)
    {
        ConversationParameters? parameters;
        try
        {
            parameters = JsonSerializer.Deserialize(request.Body, BotJsonContext.Default.ConversationParameters);
        }
        catch (JsonException)
        {
            parameters = null;
        }

        if (parameters is null)
        {
            return FakeResponse.Error(400, "BadSyntax");
        }

        createdConversations.Add(parameters);
        string activityId = NewId();
        string? channelId = parameters.ChannelData?.Channel?.Id;
        string conversationId = parameters.IsGroup && channelId is not null
            ? $"{channelId};messageid={activityId}"
            : "a:fake-" + (parameters.Members?.FirstOrDefault()?.Id ?? NewId());
        if (parameters.Activity is { } initial)
        {
            posted.Add(new PostedActivity(conversationId, null, activityId, initial, JsonSerializer.Serialize(initial, BotJsonContext.Default.Activity)));
        }

        var created = new ConversationResourceResponse { Id = conversationId, ActivityId = channelId is null ? null : activityId };
        return FakeResponse.Json(201, JsonSerializer.Serialize(created, BotJsonContext.Default.ConversationResourceResponse));
    }

    private FakeResponse PagedMembers(RecordedRequest request, string conversationId)
    {
        var all = MembersOf(conversationId);
        int pageSize = request.QueryValue("pageSize") is { } size && int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) && parsed > 0
            ? parsed
            : DefaultMembersPageSize;
        int start = 0;
        if (request.QueryValue("continuationToken") is { } token)
        {
            if (!token.StartsWith("page-", StringComparison.Ordinal) || !int.TryParse(token["page-".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out start) || start < 0 || start > all.Count)
            {
                return FakeResponse.Error(400, "BadSyntax", "Unknown continuation token.");
            }
        }

        var page = new PagedMembersResult
        {
            Members = all.Skip(start).Take(pageSize).ToList(),
            ContinuationToken = start + pageSize < all.Count ? "page-" + (start + pageSize).ToString(CultureInfo.InvariantCulture) : null,
        };
        return FakeResponse.Json(200, JsonSerializer.Serialize(page, BotJsonContext.Default.PagedMembersResult));
    }

    private List<TeamsChannelAccount> MembersOf(string conversationId) =>
        members.Where(m => (m.ConversationId is null && !closedRosters.Contains(conversationId)) || m.ConversationId == conversationId).Select(m => m.Member).ToList();

    private TeamsChannelAccount? FindMember(string conversationId, string memberId) =>
        MembersOf(conversationId).FirstOrDefault(m =>
            string.Equals(m.Id, memberId, StringComparison.Ordinal) ||
            string.Equals(m.EntraObjectId, memberId, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(m.UserPrincipalName, memberId, StringComparison.OrdinalIgnoreCase));

    private void RecordAccepted(RecordedRequest request, FakeResponse response, string generatedId)
    {
        var s = request.Segments;
        bool isActivityWrite = request.IsUnderPathBase && s.Count is 4 or 5 && s[0] == "v3" && s[1] == "conversations" && s[3] == "activities";
        if (!isActivityWrite || response.StatusCode is < 200 or > 299 || ParseActivity(request.Body) is not { } activity)
        {
            return;
        }

        if (request.Method == "POST")
        {
            posted.Add(new PostedActivity(s[2], s.Count == 5 ? s[4] : null, generatedId, activity, request.Body));
        }
        else if (request.Method == "PUT")
        {
            updated.Add(new PostedActivity(s[2], null, s[4], activity, request.Body));
        }
    }

    private string NewId() => "fake-activity-" + Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);

    private static Activity? ParseActivity(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, BotJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? IdIn(string? body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, BotJsonContext.Default.ResourceResponse)?.Id;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Injection(Func<RecordedRequest, bool> match, FakeResponse response)
    {
        public Func<RecordedRequest, bool> Match { get; } = match;

        public FakeResponse Response { get; } = response;

        public int Remaining { get; set; }
    }

    private sealed class Waiter(Func<object?> check)
    {
        public Func<object?> Check { get; } = check;

        public TaskCompletionSource<object> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One request the fake received. <see cref="Segments"/> are decoded and relative to the path base.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>Decoded path relative to the path base, e.g. <c>/v3/conversations/19:abc@thread.tacv2/activities</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The request target exactly as sent (escaping preserved), including the path base and query.</summary>
    public required string RawTarget { get; init; }

    public required IReadOnlyList<string> Segments { get; init; }

    public required bool IsUnderPathBase { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    public required string Body { get; init; }

    /// <summary>The status the fake answered with.</summary>
    public int ResponseStatus { get; internal set; }

    public string? Authorization => Headers.TryGetValue("Authorization", out string? value) ? value : null;

    public string? QueryValue(string name) => Query.FirstOrDefault(q => string.Equals(q.Key, name, StringComparison.Ordinal)).Value;

    internal static RecordedRequest From(string method, string rawTarget, string pathBase, IHeaderDictionary headers, string body)
    {
        int queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        string rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        bool underBase = pathBase.Length == 0 || rawPath.StartsWith(pathBase + "/", StringComparison.Ordinal);
        string relative = underBase ? rawPath[pathBase.Length..] : rawPath;
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var query = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : ""))
            .ToArray();
        return new RecordedRequest
        {
            Method = method.ToUpperInvariant(),
            Path = "/" + string.Join('/', segments),
            RawTarget = rawTarget,
            Segments = segments,
            IsUnderPathBase = underBase,
            Headers = headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Query = query,
            Body = body,
        };
    }
}

/// <summary>An activity the fake accepted: its conversation, the replied-to id (replies), the id it answered with, the parsed activity and the raw JSON.</summary>
public sealed record PostedActivity(string ConversationId, string? ReplyToId, string ActivityId, Activity Activity, string Json);

/// <summary>An answer of the fake: status, optional JSON body, optional headers.</summary>
public sealed record FakeResponse(int StatusCode, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Empty(int statusCode) => new(statusCode);

    public static FakeResponse Json(int statusCode, string body) => new(statusCode, body);

    /// <summary>The usual Connector error body <c>{"error":{"code","message"}}</c>.</summary>
    public static FakeResponse Error(int statusCode, string code, string message = "error") =>
        new(statusCode, JsonSerializer.Serialize(new { error = new { code, message } }));

    /// <summary>429 with <c>Retry-After</c> (delta seconds or an HTTP date).</summary>
    public static FakeResponse TooManyRequests(string? retryAfter = null) =>
        new(429, JsonSerializer.Serialize(new { error = new { code = "TooManyRequests", message = "Too many requests" } }),
            retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    /// <summary>Teams' 403 for a user who blocked or uninstalled the bot (error JSON nested in <c>message</c>).</summary>
    public static FakeResponse MessageWritesBlocked(string? requestId = null) =>
        new(403,
            JsonSerializer.Serialize(new
            {
                errorCode = 209,
                message = JsonSerializer.Serialize(new { errorCode = 209, message = "Thread is blocked for writes", subCode = "MessageWritesBlocked" }),
            }),
            requestId is null ? null : new Dictionary<string, string> { ["x-ms-request-id"] = requestId });
}
