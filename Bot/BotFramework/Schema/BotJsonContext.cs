using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>
/// Source-generated serializer for everything that crosses the Bot Framework wire. Strict enough to
/// be safe (depth limit, no comments, no trailing commas), lenient where Teams is inconsistent
/// (property names are case-insensitive: Teams spells <c>localTimezone</c> both ways).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(TeamsChannelAccount))]
[JsonSerializable(typeof(List<TeamsChannelAccount>))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConnectorErrorResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(TeamDetails))]
public sealed partial class BotJsonContext : JsonSerializerContext;
