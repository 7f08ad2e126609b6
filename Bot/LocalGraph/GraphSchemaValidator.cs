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

    // Built schemas are process-wide: JsonSchema.Net keeps every schema it builds in a registry keyed by
    // $id and refuses to register the same id twice, so each definition is built exactly once.
    private static readonly ConcurrentDictionary<(GraphSchemaKind Kind, string Definition), Lazy<JsonSchema>> Schemas = new();

    /// <summary>
    /// Rewrites enum values to their declared spelling (in place), then validates.
    /// Returns null when <paramref name="document"/> is valid, otherwise a message naming the offending property path.
    /// </summary>
    public string? NormalizeAndValidate(JsonNode? document, string definition, GraphSchemaKind kind = GraphSchemaKind.Strict)
    {
        Normalize(document, definition, kind);
        return Validate(document, definition, kind);
    }

    /// <summary>Rewrites enum values to their declared spelling (in place), without validating.</summary>
    public void Normalize(JsonNode? document, string definition, GraphSchemaKind kind = GraphSchemaKind.Strict)
    {
        var definitions = (JsonObject)Document(kind)["$defs"]!;
        if (definitions[definition] is not JsonObject schemaNode)
        {
            throw new ArgumentException($"The Graph schema has no definition '{definition}'.", nameof(definition));
        }

        GraphEnumCasing.Normalize(document, schemaNode, definitions);
    }

    /// <summary>Validates without changing the document. Null when valid, else a message naming the property path.</summary>
    public string? Validate(JsonNode? document, string definition, GraphSchemaKind kind = GraphSchemaKind.Strict)
    {
        var schema = Schemas.GetOrAdd((kind, definition), key => new Lazy<JsonSchema>(() => Build(key.Kind, key.Definition))).Value;
        using var instance = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid ? null : Describe(results, kind);
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
        var document = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidOperationException($"Embedded Graph schema '{name}' is not a JSON object.");
        JsonNodeMaterializer.Materialize(document);
        return document;
    }

    /// <summary>The most specific failures (deepest instance location), as "property path: problem" sentences.</summary>
    private static string Describe(EvaluationResults results, GraphSchemaKind kind)
    {
        var failures = new List<Failure>();
        Collect(results, failures);
        if (failures.Count == 0)
        {
            return "Invalid request body: it does not match the Graph schema.";
        }

        int deepest = failures.Max(f => Depth(f.Pointer));
        var candidates = failures.Where(f => Depth(f.Pointer) == deepest).ToList();

        // A nullable property is "anyOf: [its type, null]": the null branch's complaint is noise next to the real one.
        if (candidates.Any(f => !f.IsNullBranch))
        {
            candidates.RemoveAll(f => f.IsNullBranch);
        }

        // An unknown property under a polymorphic slot fails once per candidate type: name the first (the base type).
        var reported = candidates
            .Where(f => f.Keyword != "additionalProperties")
            .Concat(candidates.Where(f => f.Keyword == "additionalProperties").DistinctBy(f => f.Pointer, StringComparer.Ordinal));
        return string.Join(" ", reported.Select(f => Sentence(f, kind)).Distinct(StringComparer.Ordinal));
    }

    private static void Collect(EvaluationResults node, List<Failure> failures)
    {
        if (!node.IsValid)
        {
            string pointer = node.InstanceLocation.ToString();
            string schemaLocation = Uri.UnescapeDataString(node.SchemaLocation?.ToString() ?? "");
            string evaluationPath = node.EvaluationPath.ToString();
            bool unknownProperty = schemaLocation.EndsWith("/additionalProperties", StringComparison.Ordinal)
                || evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal);
            if (unknownProperty)
            {
                failures.Add(new Failure(pointer, schemaLocation, "additionalProperties", ""));
            }
            else if (node.Errors is { Count: > 0 } errors)
            {
                foreach (var (keyword, error) in errors)
                {
                    failures.Add(new Failure(pointer, schemaLocation, keyword, error));
                }
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

    private static string Sentence(Failure failure, GraphSchemaKind kind)
    {
        string path = PropertyPath(failure.Pointer);
        string type = OwningType(failure.SchemaLocation);
        if (failure.Keyword == "additionalProperties")
        {
            return $"Invalid request body: property '{path}' does not exist on type '{type}'.";
        }

        if (failure.Keyword == "enum" && Document(kind)["$defs"]?[type]?["x-members"] is JsonArray members)
        {
            return $"Invalid value for property '{path}': expected one of {string.Join(", ", members.Select(m => m?.GetValue<string>()))} ({type}).";
        }

        return path.Length == 0
            ? $"Invalid request body: {failure.Error}"
            : $"Invalid value for property '{path}': {failure.Error}";
    }

    private sealed record Failure(string Pointer, string SchemaLocation, string Keyword, string Error)
    {
        public bool IsNullBranch => Keyword == "type" && Error.EndsWith("should be \"null\"", StringComparison.Ordinal);
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
