using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>Teams' <c>channelData</c>: tenant, team, channel, meeting, event type and message source.</summary>
public sealed class TeamsChannelData
{
    [JsonPropertyName("tenant")] public TeamsIdentifier? Tenant { get; set; }
    [JsonPropertyName("team")] public TeamInfo? Team { get; set; }
    [JsonPropertyName("channel")] public TeamsIdentifier? Channel { get; set; }
    [JsonPropertyName("meeting")] public TeamsIdentifier? Meeting { get; set; }
    [JsonPropertyName("eventType")] public string? EventType { get; set; }
    [JsonPropertyName("teamsChannelId")] public string? TeamsChannelId { get; set; }
    [JsonPropertyName("teamsTeamId")] public string? TeamsTeamId { get; set; }
    [JsonPropertyName("source")] public TeamsIdentifier? Source { get; set; }
    [JsonPropertyName("settings")] public TeamsChannelSettings? Settings { get; set; }
    [JsonPropertyName("legacy")] public TeamsLegacyData? Legacy { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
