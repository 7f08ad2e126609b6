using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

internal static class JsonNodeMaterializer
{
    /// <summary>
    /// JsonObject/JsonArray build their children lazily on first access, which is not thread-safe; nodes
    /// shared between threads (schema documents, recorded bodies) are walked once so later readers only read.
    /// </summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
