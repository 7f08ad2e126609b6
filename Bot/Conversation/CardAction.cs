using System.Text.Json;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Conversation;

/// <summary>
/// A button press, from an <c>Action.Execute</c> invoke or its <c>Action.Submit</c> fallback. The data
/// is sender-controlled: every handler re-checks who pressed and what the data refers to.
/// </summary>
public sealed record CardAction(string Verb, JsonElement Data, Activity Activity, bool IsInvoke)
{
    public string? GetString(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads an invoke's <c>value.action</c>; null when it is not a well-formed Action.Execute.</summary>
    public static CardAction? FromInvoke(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !string.Equals(type.GetString(), "Action.Execute", StringComparison.Ordinal))
        {
            return null;
        }

        string? verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var data = action.TryGetProperty("data", out var d) ? d : default;
        return string.IsNullOrWhiteSpace(verb) ? null : new CardAction(verb, data, activity, IsInvoke: true);
    }

    /// <summary>Reads an Action.Submit message's <c>value</c> (our fallback puts the verb in it).</summary>
    public static CardAction? FromSubmit(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        string? verb = value.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()
            : value.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        return string.IsNullOrWhiteSpace(verb) ? null : new CardAction(verb, value, activity, IsInvoke: false);
    }
}
