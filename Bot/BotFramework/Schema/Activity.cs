using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>
/// A Bot Framework activity as Teams sends it and as the bot sends it back. Only the fields a Teams
/// meeting bot reads or writes are modelled; <see cref="ExtensionData"/> keeps the rest so nothing
/// is silently lost when an activity is stored or echoed.
/// </summary>
public sealed class Activity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; set; }
    [JsonPropertyName("localTimestamp")] public DateTimeOffset? LocalTimestamp { get; set; }
    [JsonPropertyName("localTimezone")] public string? LocalTimezone { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("from")] public ChannelAccount? From { get; set; }
    [JsonPropertyName("recipient")] public ChannelAccount? Recipient { get; set; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; set; }
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("textFormat")] public string? TextFormat { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("attachmentLayout")] public string? AttachmentLayout { get; set; }
    [JsonPropertyName("attachments")] public List<Attachment>? Attachments { get; set; }
    [JsonPropertyName("entities")] public List<Entity>? Entities { get; set; }
    [JsonPropertyName("channelData")] public TeamsChannelData? ChannelData { get; set; }
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("membersAdded")] public List<ChannelAccount>? MembersAdded { get; set; }
    [JsonPropertyName("membersRemoved")] public List<ChannelAccount>? MembersRemoved { get; set; }
    [JsonPropertyName("reactionsAdded")] public List<MessageReaction>? ReactionsAdded { get; set; }
    [JsonPropertyName("reactionsRemoved")] public List<MessageReaction>? ReactionsRemoved { get; set; }

    /// <summary>Untrusted, sender-controlled payload (card data, invoke value, event value).</summary>
    [JsonPropertyName("value")] public JsonElement? Value { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The Teams tenant of the conversation: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    [JsonIgnore]
    public string? TenantId => ChannelData?.Tenant?.Id ?? Conversation?.TenantId;

    /// <summary>The clientInfo entity Teams clients attach (locale, country, platform, time zone).</summary>
    [JsonIgnore]
    public Entity? ClientInfo => Entities?.FirstOrDefault(e => string.Equals(e.Type, EntityTypes.ClientInfo, StringComparison.OrdinalIgnoreCase));

    /// <summary>Mentions carried by the activity, in order (never parsed from text).</summary>
    [JsonIgnore]
    public IEnumerable<Entity> Mentions => Entities?.Where(e => string.Equals(e.Type, EntityTypes.Mention, StringComparison.OrdinalIgnoreCase) && e.Mentioned is not null) ?? [];

    /// <summary>A shallow copy with <c>id</c> and/or <c>replyToId</c> replaced; the caller's activity is left as it was.</summary>
    public Activity CopyWith(string? id = null, string? replyToId = null)
    {
        var copy = (Activity)MemberwiseClone();
        copy.Id = id ?? Id;
        copy.ReplyToId = replyToId ?? ReplyToId;
        return copy;
    }

    public bool IsType(string activityType) => string.Equals(Type, activityType, StringComparison.OrdinalIgnoreCase);
}
