using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>The Connector's answer to send, reply and update: the activity id (may be empty).</summary>
public sealed class ResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}

/// <summary>The Connector's answer to create conversation.</summary>
public sealed class ConversationResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("activityId")] public string? ActivityId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
}

/// <summary>One page of <c>GET /v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed class PagedMembersResult
{
    [JsonPropertyName("continuationToken")] public string? ContinuationToken { get; set; }
    [JsonPropertyName("members")] public List<TeamsChannelAccount>? Members { get; set; }
}

/// <summary>Body of <c>POST /v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    [JsonPropertyName("isGroup")] public bool IsGroup { get; set; }
    [JsonPropertyName("bot")] public ChannelAccount? Bot { get; set; }
    [JsonPropertyName("members")] public List<ChannelAccount>? Members { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("activity")] public Activity? Activity { get; set; }
    [JsonPropertyName("channelData")] public TeamsChannelData? ChannelData { get; set; }
}

/// <summary>The error body the Connector usually returns: <c>{"error":{"code","message"}}</c>.</summary>
public sealed class ConnectorErrorResponse
{
    [JsonPropertyName("error")] public ConnectorError? Error { get; set; }
    /// <summary>Teams' 403 MessageWritesBlocked shape: <c>{"errorCode":209,"message":"{…}"}</c>.</summary>
    [JsonPropertyName("errorCode")] public System.Text.Json.JsonElement? ErrorCode { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}

public sealed class ConnectorError
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}

/// <summary><c>GET /v3/teams/{teamId}</c>.</summary>
public sealed class TeamDetails
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadGroupId")] public string? AadGroupId { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
}
