using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Validates Graph JSON documents against the embedded Graph v1.0 schema subset
/// (<c>LocalGraph/Schemas/*.json</c>, read from the assembly once). Enum values are compared
/// case-insensitively like Graph does (see <see cref="GraphEnumCasing"/>).
/// </summary>
public sealed class GraphSchemaValidator
{
    private const string StrictResource = "TeamsMeetBot.LocalGraph.communications-v1.0.strict.schema.json";
    private const string OpenResource = "TeamsMeetBot.LocalGraph.communications-v1.0.open.schema.json";

    private static readonly Lazy<JsonObject> StrictDocument = new(() => LoadResource(StrictResource));
    private static readonly Lazy<JsonObject> OpenDocument = new(() => LoadResource(OpenResource));

    private readonly ConcurrentDictionary<(GraphSchemaKind Kind, string Definition), Lazy<JsonSchema>> _schemas = new();

    /// <summary>
    /// Rewrites enum values to their declared spelling (in place), then validates.
    /// Returns null when <paramref name="document"/> is valid, otherwise a message naming the offending property path.
    /// </summary>
    public string? NormalizeAndValidate(JsonNode? document, string definition, GraphSchemaKind kind = GraphSchemaKind.Strict)
    {
        var root = Document(kind);
        var definitions = (JsonObject)root["$defs"]!;
        if (definitions[definition] is not JsonObject schemaNode)
        {
            throw new ArgumentException($"The Graph schema has no definition '{definition}'.", nameof(definition));
        }

        GraphEnumCasing.Normalize(document, schemaNode, definitions);
        return Validate(document, definition, kind);
    }

    /// <summary>Validates without changing the document. Null when valid, else a message naming the property path.</summary>
    public string? Validate(JsonNode? document, string definition, GraphSchemaKind kind = GraphSchemaKind.Strict)
    {
        var schema = _schemas.GetOrAdd((kind, definition), key => new Lazy<JsonSchema>(() => Build(key.Kind, key.Definition))).Value;
        using var instance = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid ? null : Describe(results);
    }

    private static JsonObject Document(GraphSchemaKind kind) => kind == GraphSchemaKind.Strict ? StrictDocument.Value : OpenDocument.Value;

    private static JsonSchema Build(GraphSchemaKind kind, string definition)
    {
        // A copy of the whole document whose root refers to the one definition; its own $id keeps the
        // built schemas apart in the registry.
        var wrapper = (JsonObject)Document(kind).DeepClone();
        wrapper["$id"] = $"urn:teamsmeetbot:localgraph:{kind.ToString().ToLowerInvariant()}:{Uri.EscapeDataString(definition)}";
        wrapper["$ref"] = "#/$defs/" + definition;
        return JsonSchema.FromText(wrapper.ToJsonString(), new BuildOptions());
    }

    private static JsonObject LoadResource(string name)
    {
        using var stream = typeof(GraphSchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded Graph schema '{name}' is missing from the assembly (see Bot/LocalGraph/Schemas).");
        return JsonNode.Parse(stream) as JsonObject ?? throw new InvalidOperationException($"Embedded Graph schema '{name}' is not a JSON object.");
    }

    /// <summary>The most specific failures (deepest instance location), as "property path: problem" sentences.</summary>
    private static string Describe(EvaluationResults results)
    {
        var failures = new List<(string Pointer, string Message)>();
        Collect(results, failures);
        if (failures.Count == 0)
        {
            return "The request body does not match the Graph schema.";
        }

        int deepest = failures.Max(f => Depth(f.Pointer));
        var messages = failures.Where(f => Depth(f.Pointer) == deepest)
            .Select(f => f.Message)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return string.Join(" ", messages);
    }

    private static void Collect(EvaluationResults node, List<(string Pointer, string Message)> failures)
    {
        if (!node.IsValid)
        {
            string pointer = node.InstanceLocation.ToString();
            string schemaLocation = node.SchemaLocation?.ToString() ?? "";
            if (node.Errors is { Count: > 0 } errors)
            {
                foreach (var (keyword, error) in errors)
                {
                    failures.Add((pointer, Sentence(pointer, schemaLocation, keyword, error)));
                }
            }
            else if (node.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal))
            {
                failures.Add((pointer, Sentence(pointer, schemaLocation, "additionalProperties", "")));
            }
        }

        if (node.Details is { } details)
        {
            foreach (var child in details)
            {
                Collect(child, failures);
            }
        }
    }

    private static string Sentence(string pointer, string schemaLocation, string keyword, string error)
    {
        string path = PropertyPath(pointer);
        if (keyword == "additionalProperties" || (keyword == "false" && schemaLocation.EndsWith("/additionalProperties", StringComparison.Ordinal)))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Invalid request body: property '{path}' does not exist on type '{OwningType(schemaLocation)}'.");
        }

        return path.Length == 0
            ? $"Invalid request body: {error}"
            : $"Invalid value for property '{path}': {error}";
    }

    /// <summary><c>#/$defs/microsoft.graph.meetingParticipants/additionalProperties</c> → <c>microsoft.graph.meetingParticipants</c>.</summary>
    private static string OwningType(string schemaLocation)
    {
        int defs = schemaLocation.LastIndexOf("/$defs/", StringComparison.Ordinal);
        if (defs < 0)
        {
            return "microsoft.graph.entity";
        }

        string rest = schemaLocation[(defs + "/$defs/".Length)..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        return Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
    }

    /// <summary>JSON Pointer <c>/participants/attendees/0/role</c> → <c>participants.attendees[0].role</c>.</summary>
    internal static string PropertyPath(string pointer)
    {
        var path = new StringBuilder();
        foreach (string raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                path.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(segment);
            }
        }

        return path.ToString();
    }

    private static int Depth(string pointer) => pointer.Count(c => c == '/');
}
