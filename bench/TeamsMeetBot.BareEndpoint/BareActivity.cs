using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsMeetBot.BareEndpoint;

/// <summary>The activity fields a Teams message carries, kept as plain data (no validation, no behaviour).</summary>
public sealed class BareActivity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; set; }
    [JsonPropertyName("localTimestamp")] public DateTimeOffset? LocalTimestamp { get; set; }
    [JsonPropertyName("localTimezone")] public string? LocalTimezone { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("from")] public BareAccount? From { get; set; }
    [JsonPropertyName("conversation")] public BareAccount? Conversation { get; set; }
    [JsonPropertyName("recipient")] public BareAccount? Recipient { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("textFormat")] public string? TextFormat { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("entities")] public IReadOnlyList<JsonElement>? Entities { get; set; }
    [JsonPropertyName("channelData")] public JsonElement? ChannelData { get; set; }
    [JsonPropertyName("value")] public JsonElement? Value { get; set; }
}
