using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Graph compares enum values case-insensitively (the Graph and Comms SDKs send <c>"Outgoing"</c>,
/// <c>"Audio"</c>, docs show <c>"outgoing"</c>), but JSON Schema's <c>enum</c> is case-sensitive. This
/// walks a document alongside its schema and rewrites, in place, every string at an enum position that
/// matches a member ignoring case to the member's declared (camelCase) spelling. Strings that match no
/// member are left alone, so validation still rejects them.
/// </summary>
internal static class GraphEnumCasing
{
    private const int MaxDepth = 64;

    public static void Normalize(JsonNode? document, JsonObject schema, JsonObject definitions) =>
        Walk(document, schema, definitions, 0);

    private static JsonNode? Walk(JsonNode? node, JsonObject schema, JsonObject definitions, int depth)
    {
        if (node is null || depth > MaxDepth)
        {
            return node;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference && Resolve(reference, definitions) is { } target)
        {
            node = Walk(node, target, definitions, depth + 1);
        }

        foreach (string combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema[combinator] is JsonArray branches)
            {
                foreach (var branch in branches.OfType<JsonObject>())
                {
                    node = Walk(node, branch, definitions, depth + 1);
                }
            }
        }

        if (schema["enum"] is JsonArray && node is JsonValue value && value.TryGetValue(out string? text) && node.Parent is not null)
        {
            var members = schema["x-members"] as JsonArray ?? (JsonArray)schema["enum"]!;
            string? declared = members.Select(m => m?.GetValue<string>())
                .FirstOrDefault(m => m is not null && string.Equals(m, text, StringComparison.OrdinalIgnoreCase));
            if (declared is not null && !string.Equals(declared, text, StringComparison.Ordinal))
            {
                JsonNode replacement = JsonValue.Create(declared);
                node.ReplaceWith(replacement);
                return replacement;
            }
        }

        if (node is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in obj.ToList())
            {
                if (properties[name] is JsonObject propertySchema)
                {
                    Walk(child, propertySchema, definitions, depth + 1);
                }
            }
        }

        if (node is JsonArray array && schema["items"] is JsonObject itemSchema)
        {
            foreach (var item in array.ToList())
            {
                Walk(item, itemSchema, definitions, depth + 1);
            }
        }

        return node;
    }

    private static JsonObject? Resolve(string reference, JsonObject definitions)
    {
        const string prefix = "#/$defs/";
        return reference.StartsWith(prefix, StringComparison.Ordinal) ? definitions[reference[prefix.Length..]] as JsonObject : null;
    }
}
