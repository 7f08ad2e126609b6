using System.Text.Json.Nodes;

namespace TeamsMeetBot.Tests.Playground;

/// <summary>Readers for conversation-stream frames (<c>{action, actionConversationId, message}</c>).</summary>
public static class Frames
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";

    public static string Action(JsonObject frame) => (string?)frame["action"] ?? "";

    public static string Conversation(JsonObject frame) => (string?)frame["actionConversationId"] ?? "";

    public static string MessageId(JsonObject frame) => (string?)frame["message"]?["messageId"] ?? "";

    public static string From(JsonObject frame) => (string?)frame["message"]?["from"]?["id"] ?? "";

    public static string Text(JsonObject frame) => (string?)frame["message"]?["text"] ?? "";

    /// <summary>The frame's Adaptive Card, or null when it carries none.</summary>
    public static JsonObject? Card(JsonObject frame) =>
        frame["message"]?["attachments"]?.AsArray()
            .FirstOrDefault(a => (string?)a!["contentType"] == AdaptiveCard)?["content"]?.AsObject();

    public static bool IsBotMessage(JsonObject frame, string botId, string conversationId, string action = "createMessage") =>
        Action(frame) == action && Conversation(frame) == conversationId && From(frame) == botId;

    /// <summary>Every text of the card's TextBlocks and TextRuns, and its FactSet titles and values.</summary>
    public static string CardText(JsonObject card) => string.Join('\n', Texts(card));

    public static JsonObject? ActionWithVerb(JsonObject card, string verb) =>
        card["actions"]?.AsArray().Select(a => a!.AsObject()).FirstOrDefault(a => (string?)a["verb"] == verb);

    private static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in new[] { "text", "title", "value" })
                {
                    if (obj[key] is JsonValue value && value.TryGetValue(out string? s))
                    {
                        yield return s;
                    }
                }

                foreach (var (_, child) in obj)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        foreach (string text in Texts(child))
                        {
                            yield return text;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (string text in Texts(item))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }
}
