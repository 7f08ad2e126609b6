using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

public sealed class TeamsChannelSettings
{
    [JsonPropertyName("selectedChannel")] public TeamsIdentifier? SelectedChannel { get; set; }
}

public sealed class TeamsLegacyData
{
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; set; }
}
