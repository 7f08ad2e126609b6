using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

public sealed class MessageReaction
{
    [JsonPropertyName("type")] public string? Type { get; set; }
}
