using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>
/// The body of the HTTP 200 answer to an <c>adaptiveCard/action</c> invoke:
/// <c>{"statusCode","type","value"}</c> (protocol reference §4.6).
/// </summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    [JsonPropertyName("statusCode")] public int StatusCode { get; set; } = 200;
    [JsonPropertyName("type")] public string Type { get; set; } = MessageType;
    [JsonPropertyName("value")] public JsonNode? Value { get; set; }

    public static AdaptiveCardInvokeResponse Card(JsonObject card) => new() { Type = CardType, Value = card };

    public static AdaptiveCardInvokeResponse Message(string text) => new() { Type = MessageType, Value = JsonValue.Create(text) };

    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ErrorType,
        Value = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
