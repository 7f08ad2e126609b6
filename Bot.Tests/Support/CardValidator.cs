using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace TeamsMeetBot.Tests.Support;

/// <summary>
/// Validates a card the way shared/schemas/README.md prescribes: the card without its root
/// <c>msteams</c> property against the official Adaptive Card 1.5 schema, and <c>msteams</c> on its
/// own against Teams' documented shape (width "Full"; mention entities whose text appears verbatim
/// in a TextBlock or TextRun). Nothing else outside the schema is accepted.
/// </summary>
public static class CardValidator
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(SharedData.ReadText("schemas", "adaptive-card-1.5.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static IReadOnlyList<string> Validate(JsonNode card)
    {
        var errors = new List<string>();
        if (card is not JsonObject root)
        {
            return ["card is not a JSON object"];
        }

        var withoutTeams = root.DeepClone().AsObject();
        var msteams = withoutTeams["msteams"];
        withoutTeams.Remove("msteams");

        using var document = JsonDocument.Parse(withoutTeams.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            foreach (var detail in result.Details ?? [])
            {
                if (detail.Errors is { Count: > 0 })
                {
                    foreach (var (keyword, message) in detail.Errors)
                    {
                        errors.Add($"{detail.InstanceLocation}: {keyword}: {message}");
                    }
                }
            }

            if (errors.Count == 0)
            {
                errors.Add("card does not validate against adaptive-card-1.5.json");
            }
        }

        if (msteams is not null)
        {
            ValidateTeamsExtension(msteams, root, errors);
        }

        return errors;
    }

    public static void AssertValid(JsonNode card)
    {
        var errors = Validate(card);
        Assert.True(errors.Count == 0, "Card is invalid:\n" + string.Join("\n", errors.Take(30)) + "\n" + card.ToJsonString(SharedData.Indented));
    }

    private static void ValidateTeamsExtension(JsonNode msteams, JsonObject card, List<string> errors)
    {
        if (msteams is not JsonObject obj)
        {
            errors.Add("msteams: not an object");
            return;
        }

        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "width":
                    if (value?.GetValueKind() != JsonValueKind.String || value.GetValue<string>() != "Full")
                    {
                        errors.Add("msteams.width: must be \"Full\"");
                    }

                    break;
                case "entities":
                    ValidateMentions(value, card, errors);
                    break;
                default:
                    errors.Add($"msteams.{key}: not a documented Teams card property");
                    break;
            }
        }
    }

    private static void ValidateMentions(JsonNode? entities, JsonObject card, List<string> errors)
    {
        if (entities is not JsonArray array)
        {
            errors.Add("msteams.entities: not an array");
            return;
        }

        var texts = new List<string>();
        CollectTexts(card, texts);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject entity)
            {
                errors.Add($"msteams.entities[{i}]: not an object");
                continue;
            }

            foreach (var (key, _) in entity)
            {
                if (key is not ("type" or "text" or "mentioned"))
                {
                    errors.Add($"msteams.entities[{i}].{key}: not allowed");
                }
            }

            if (entity["type"]?.GetValue<string>() != "mention")
            {
                errors.Add($"msteams.entities[{i}].type: must be \"mention\"");
            }

            string? text = entity["text"]?.GetValueKind() == JsonValueKind.String ? entity["text"]!.GetValue<string>() : null;
            if (text is null || !text.StartsWith("<at>", StringComparison.Ordinal) || !text.EndsWith("</at>", StringComparison.Ordinal))
            {
                errors.Add($"msteams.entities[{i}].text: must be <at>Name</at>");
            }
            else if (!texts.Any(t => t.Contains(text, StringComparison.Ordinal)))
            {
                errors.Add($"msteams.entities[{i}].text: '{text}' does not appear in any TextBlock or TextRun");
            }

            if (entity["mentioned"] is not JsonObject mentioned)
            {
                errors.Add($"msteams.entities[{i}].mentioned: missing");
                continue;
            }

            foreach (var (key, value) in mentioned)
            {
                if (key is not ("id" or "name"))
                {
                    errors.Add($"msteams.entities[{i}].mentioned.{key}: not allowed");
                }
                else if (value?.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()))
                {
                    errors.Add($"msteams.entities[{i}].mentioned.{key}: must be a non-empty string");
                }
            }

            if (mentioned["id"] is null || mentioned["name"] is null)
            {
                errors.Add($"msteams.entities[{i}].mentioned: needs id and name");
            }
        }
    }

    private static void CollectTexts(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                string? type = obj["type"]?.GetValueKind() == JsonValueKind.String ? obj["type"]!.GetValue<string>() : null;
                if (type is "TextBlock" or "TextRun" && obj["text"]?.GetValueKind() == JsonValueKind.String)
                {
                    texts.Add(obj["text"]!.GetValue<string>());
                }

                foreach (var (key, child) in obj)
                {
                    if (key != "msteams")
                    {
                        CollectTexts(child, texts);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CollectTexts(child, texts);
                }

                break;
        }
    }
}
