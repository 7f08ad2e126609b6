using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Telemetry;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// The bot's outbound Bot Connector REST client (send, reply, update, delete, members, create
/// conversation). Every call names the conversation's serviceUrl; it is checked by
/// <see cref="ServiceUrlPolicy"/> before anything is built, path segments are escaped, writes are
/// paced per conversation, and retries, token attachment and 401 refresh happen in the HTTP pipeline
/// (<see cref="ConnectorRetryHandler"/>, <see cref="ConnectorAuthHandler"/>). Failures throw
/// <see cref="ConnectorException"/>. Methods are virtual so other components' tests can fake them.
/// </summary>
public class ConnectorClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient httpClient;
    private readonly ServiceUrlPolicy policy;
    private readonly ConversationWritePacer pacer;
    private readonly BotTelemetry telemetry;
    private readonly ILogger<ConnectorClient> logger;

    public ConnectorClient(HttpClient httpClient, ServiceUrlPolicy policy, ConversationWritePacer pacer, BotTelemetry telemetry, ILogger<ConnectorClient> logger)
    {
        this.httpClient = httpClient;
        this.policy = policy;
        this.pacer = pacer;
        this.telemetry = telemetry;
        this.logger = logger;
    }

    /// <summary>For mocking frameworks and hand-written fakes only; calling a non-overridden method throws.</summary>
    protected ConnectorClient()
    {
        httpClient = null!;
        policy = null!;
        pacer = null!;
        telemetry = null!;
        logger = null!;
    }

    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>. The answer's id may be empty.</summary>
    public virtual async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        byte[] body = Serialize(activity);
        using var response = await SendAsync(ConnectorOperations.SendToConversation, HttpMethod.Post, serviceUrl,
            ["v3", "conversations", conversationId, "activities"], query: null, body, paceConversationId: conversationId, cancellationToken);
        return await ReadResourceResponseAsync(ConnectorOperations.SendToConversation, response, cancellationToken);
    }

    /// <summary><c>POST v3/conversations/{conversationId}/activities/{replyToId}</c>; sets <c>replyToId</c> in the body when absent.</summary>
    public virtual async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        byte[] body = Serialize(string.IsNullOrEmpty(activity.ReplyToId) ? activity.CopyWith(replyToId: replyToId) : activity);
        using var response = await SendAsync(ConnectorOperations.ReplyToActivity, HttpMethod.Post, serviceUrl,
            ["v3", "conversations", conversationId, "activities", replyToId], query: null, body, paceConversationId: conversationId, cancellationToken);
        return await ReadResourceResponseAsync(ConnectorOperations.ReplyToActivity, response, cancellationToken);
    }

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c> with the full replacement activity (its <c>id</c> included).</summary>
    public virtual async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.IsNullOrEmpty(activity.Id) && !string.Equals(activity.Id, activityId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The activity's id differs from the activity id being updated.", nameof(activity));
        }

        byte[] body = Serialize(activity.CopyWith(id: activityId));
        using var response = await SendAsync(ConnectorOperations.UpdateActivity, HttpMethod.Put, serviceUrl,
            ["v3", "conversations", conversationId, "activities", activityId], query: null, body, paceConversationId: conversationId, cancellationToken);
        return await ReadResourceResponseAsync(ConnectorOperations.UpdateActivity, response, cancellationToken);
    }

    /// <summary><c>DELETE v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    public virtual async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        using var response = await SendAsync(ConnectorOperations.DeleteActivity, HttpMethod.Delete, serviceUrl,
            ["v3", "conversations", conversationId, "activities", activityId], query: null, body: null, paceConversationId: conversationId, cancellationToken);
    }

    /// <summary>
    /// <c>GET v3/conversations/{conversationId}/members/{memberId}</c>; <paramref name="memberId"/> may be a
    /// <c>29:</c> id, an Entra object id or a UPN. Null when the member is not in the conversation.
    /// </summary>
    public virtual async Task<TeamsChannelAccount?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        try
        {
            using var response = await SendAsync(ConnectorOperations.GetMember, HttpMethod.Get, serviceUrl,
                ["v3", "conversations", conversationId, "members", memberId], query: null, body: null, paceConversationId: null, cancellationToken);
            return await ReadRequiredAsync(ConnectorOperations.GetMember, response, BotJsonContext.Default.TeamsChannelAccount, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode == HttpStatusCode.NotFound ||
            (ex.StatusCode is not null && string.Equals(ex.ErrorCode, ConnectorErrorCodes.MemberNotFoundInConversation, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
    }

    /// <summary><c>GET v3/conversations/{conversationId}/pagedmembers?pageSize=&amp;continuationToken=</c>: one page.</summary>
    public virtual async Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (pageSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be positive.");
        }

        var query = new List<string>(2);
        if (pageSize is { } size)
        {
            query.Add("pageSize=" + size.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(continuationToken));
        }

        using var response = await SendAsync(ConnectorOperations.GetPagedMembers, HttpMethod.Get, serviceUrl,
            ["v3", "conversations", conversationId, "pagedmembers"], query.Count == 0 ? null : string.Join('&', query), body: null, paceConversationId: null, cancellationToken);
        return await ReadRequiredAsync(ConnectorOperations.GetPagedMembers, response, BotJsonContext.Default.PagedMembersResult, cancellationToken);
    }

    /// <summary>Every member of the conversation, page by page, following <c>continuationToken</c> until there is none.</summary>
    public virtual async IAsyncEnumerable<TeamsChannelAccount> GetAllMembersAsync(string serviceUrl, string conversationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuationToken = null;
        do
        {
            var page = await GetPagedMembersAsync(serviceUrl, conversationId, pageSize: null, continuationToken, cancellationToken);
            foreach (var member in page.Members ?? [])
            {
                yield return member;
            }

            if (!string.IsNullOrEmpty(page.ContinuationToken) && string.Equals(page.ContinuationToken, continuationToken, StringComparison.Ordinal))
            {
                ConnectorLog.RepeatedContinuationToken(logger);
                yield break;
            }

            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }

    /// <summary><c>GET v3/teams/{teamId}</c>: the team's name and Entra group id (<c>channelData.team.id</c> is the Teams thread id, not the group id).</summary>
    public virtual async Task<TeamDetails?> GetTeamAsync(string serviceUrl, string teamId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        try
        {
            using var response = await SendAsync(ConnectorOperations.GetTeam, HttpMethod.Get, serviceUrl,
                ["v3", "teams", teamId], query: null, body: null, paceConversationId: null, cancellationToken);
            return await ReadRequiredAsync(ConnectorOperations.GetTeam, response, BotJsonContext.Default.TeamDetails, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary><c>POST v3/conversations</c>: creates (or returns the existing) 1:1 conversation, or a new channel thread.</summary>
    public virtual async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(parameters, BotJsonContext.Default.ConversationParameters);
        using var response = await SendAsync(ConnectorOperations.CreateConversation, HttpMethod.Post, serviceUrl,
            ["v3", "conversations"], query: null, body, paceConversationId: null, cancellationToken);
        var created = await ReadRequiredAsync(ConnectorOperations.CreateConversation, response, BotJsonContext.Default.ConversationResourceResponse, cancellationToken);
        if (string.IsNullOrEmpty(created.Id))
        {
            throw new ConnectorException("The Bot Connector created a conversation but returned no conversation id.", response.StatusCode, ConnectorErrorCodes.InvalidResponse);
        }

        return created;
    }

    /// <summary>
    /// <paramref name="baseUri"/> (ending in '/') followed by the escaped segments. Dot segments and
    /// empty segments are refused so an id can never walk the path.
    /// </summary>
    public static Uri BuildRequestUri(Uri baseUri, IReadOnlyList<string> segments, string? query)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(segments);
        string basePath = baseUri.AbsoluteUri;
        int baseLength = basePath.AsSpan().TrimEnd('/').Length;
        var escaped = new string[segments.Count];
        int length = baseLength + (string.IsNullOrEmpty(query) ? 0 : 1 + query.Length);
        for (int i = 0; i < escaped.Length; i++)
        {
            string segment = segments[i];
            if (string.IsNullOrEmpty(segment) || segment is "." or "..")
            {
                throw new ArgumentException($"'{segment}' cannot be used as a Connector path segment.", nameof(segments));
            }

            escaped[i] = Uri.EscapeDataString(segment);
            length += 1 + escaped[i].Length;
        }

        // Written in one go: the URL of every Connector call, so a growing builder showed in allocation profiles.
        string url = string.Create(length, (basePath, baseLength, escaped, query), static (chars, state) =>
        {
            state.basePath.AsSpan(0, state.baseLength).CopyTo(chars);
            int at = state.baseLength;
            foreach (string segment in state.escaped)
            {
                chars[at++] = '/';
                segment.CopyTo(chars[at..]);
                at += segment.Length;
            }

            if (!string.IsNullOrEmpty(state.query))
            {
                chars[at++] = '?';
                state.query.CopyTo(chars[at..]);
            }
        });
        return new Uri(url, UriKind.Absolute);
    }

    private async Task<HttpResponseMessage> SendAsync(
        string operation,
        HttpMethod method,
        string serviceUrl,
        string[] segments,
        string? query,
        byte[]? body,
        string? paceConversationId,
        CancellationToken cancellationToken)
    {
        var decision = policy.Evaluate(serviceUrl);
        if (!decision.IsAllowed)
        {
            Count(operation, "refused");
            ConnectorLog.ServiceUrlRefused(logger, decision.RefusalReason ?? "not allowed");
            throw new ConnectorException($"Bot Connector {operation} was refused before sending: {decision.RefusalReason}.", statusCode: null, ConnectorErrorCodes.ServiceUrlNotAllowed);
        }

        var uri = BuildRequestUri(decision.BaseUri!, segments, query);
        IDisposable? lease = null;
        try
        {
            if (paceConversationId is not null)
            {
                try
                {
                    lease = await pacer.AcquireAsync(paceConversationId, cancellationToken);
                }
                catch (ConnectorException ex)
                {
                    Count(operation, "queue_full");
                    ConnectorLog.QueueFull(logger, operation);
                    throw new ConnectorException($"Bot Connector {operation}: {ex.Message}", statusCode: null, ex.ErrorCode, innerException: ex);
                }
            }

            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.Add(AcceptJson);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonContentType;
            }

            HttpResponseMessage response;
            try
            {
                response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (ConnectorException ex)
            {
                Count(operation, ex.ErrorCode == ConnectorErrorCodes.ServiceUrlNotAllowed ? "refused" : "token_unavailable");
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                Count(operation, "transport_failure");
                throw new ConnectorException($"Bot Connector {operation} failed: the Connector could not be reached ({ex.GetType().Name}).", statusCode: null, ConnectorErrorCodes.TransportFailure, innerException: ex);
            }

            Count(operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                throw await CreateErrorAsync(operation, response, cancellationToken);
            }
        }
        finally
        {
            lease?.Dispose();
        }
    }

    private async Task<ConnectorException> CreateErrorAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        string? errorCode = ConnectorErrorParser.ParseErrorCode(body);
        string? requestId = ConnectorErrorParser.ParseRequestId(response.Headers);
        ConnectorLog.CallFailed(logger, operation, response.StatusCode, errorCode ?? "none", requestId ?? "none");
        string message = string.Create(CultureInfo.InvariantCulture,
            $"Bot Connector {operation} failed with HTTP {(int)response.StatusCode} ({errorCode ?? "no error code"}).");
        return new ConnectorException(message, response.StatusCode, errorCode, requestId);
    }

    private async Task<ResourceResponse> ReadResourceResponseAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (IsBlank(body))
        {
            return new ResourceResponse();
        }

        try
        {
            return JsonSerializer.Deserialize(body, BotJsonContext.Default.ResourceResponse) ?? new ResourceResponse();
        }
        catch (JsonException)
        {
            // The write already succeeded; failing here would make the caller send it again.
            ConnectorLog.UnreadableSuccessBody(logger, operation);
            return new ResourceResponse();
        }
    }

    private static async Task<T> ReadRequiredAsync<T>(string operation, HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            if (!IsBlank(body) && JsonSerializer.Deserialize(body, typeInfo) is { } value)
            {
                return value;
            }
        }
        catch (JsonException ex)
        {
            throw new ConnectorException($"Bot Connector {operation} answered with a body that is not the expected JSON.", response.StatusCode, ConnectorErrorCodes.InvalidResponse, innerException: ex);
        }

        throw new ConnectorException($"Bot Connector {operation} answered with an empty body.", response.StatusCode, ConnectorErrorCodes.InvalidResponse);
    }

    private static byte[] Serialize(Activity activity) => JsonSerializer.SerializeToUtf8Bytes(activity, BotJsonContext.Default.Activity);

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;

    private void Count(string operation, string status) =>
        telemetry.ConnectorCalls.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("status", status));
}
