using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>
/// An entry of <c>activity.entities</c>. Teams sends <c>mention</c> and <c>clientInfo</c> entities;
/// both are flattened into this one type because their fields do not overlap.
/// </summary>
public sealed class Entity
{
    [JsonPropertyName("type")] public string? Type { get; set; }

    // mention
    [JsonPropertyName("mentioned")] public ChannelAccount? Mentioned { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }

    // clientInfo
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("country")] public string? Country { get; set; }
    [JsonPropertyName("platform")] public string? Platform { get; set; }
    [JsonPropertyName("timezone")] public string? Timezone { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    public static Entity Mention(string id, string name, string? type = null) => new()
    {
        Type = EntityTypes.Mention,
        Text = MentionMarkup.For(name),
        Mentioned = new ChannelAccount { Id = id, Name = name, Type = type },
    };
}
