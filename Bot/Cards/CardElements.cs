using System.Text.Json.Nodes;

namespace TeamsMeetBot.Cards;

/// <summary>
/// Adaptive Card 1.5 building blocks as JSON (the AdaptiveCards object model is not available).
/// Every card the bot sends is validated in tests against the official 1.5 schema, with Teams'
/// root <c>msteams</c> extension checked separately.
/// </summary>
public static class CardElements
{
    public const string Version = "1.5";

    public static JsonObject Card(JsonArray body, JsonArray? actions = null, JsonObject? msteams = null, string? fallbackText = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        if (fallbackText is not null)
        {
            card["fallbackText"] = fallbackText;
        }

        card["msteams"] = msteams ?? new JsonObject { ["width"] = "Full" };
        return card;
    }

    public static JsonObject Text(string text, string? weight = null, string? size = null, bool subtle = false, string? color = null, string? spacing = null, bool separator = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        if (separator)
        {
            block["separator"] = true;
        }

        return block;
    }

    public static JsonObject Heading(string text) => Text(text, weight: "Bolder", size: "Medium");

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts)
    {
        var array = new JsonArray();
        foreach (var (title, value) in facts)
        {
            array.Add(new JsonObject { ["title"] = title, ["value"] = value });
        }

        return new JsonObject { ["type"] = "FactSet", ["facts"] = array };
    }

    public static JsonObject Container(JsonArray items, string? style = null, bool separator = false, string? spacing = null)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = items };
        if (style is not null)
        {
            container["style"] = style;
        }

        if (separator)
        {
            container["separator"] = true;
        }

        if (spacing is not null)
        {
            container["spacing"] = spacing;
        }

        return container;
    }

    public static JsonObject OpenUrl(string title, string url, string? style = null)
    {
        var action = new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }

    /// <summary>
    /// A Universal Action button. Clients without Universal Actions fall back to an Action.Submit
    /// carrying the same verb and data, which arrives as a message with a value; the bot handles both.
    /// </summary>
    public static JsonObject Execute(string title, string verb, JsonObject? data = null, string? style = null)
    {
        var executeData = data?.DeepClone().AsObject() ?? new JsonObject();
        var submitData = data?.DeepClone().AsObject() ?? new JsonObject();
        submitData["verb"] = verb;
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = executeData,
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = submitData },
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }
}
