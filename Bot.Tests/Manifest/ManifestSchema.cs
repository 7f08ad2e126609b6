using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Manifest;

/// <summary>
/// The Teams app manifest schema v1.29 (shared/schemas/teams-manifest-1.29.schema.json), built once per
/// process in its own registry under a base URI of its own, so it never clashes with other schemas
/// the test run registers.
/// </summary>
public static class ManifestSchema
{
    private static readonly Uri BaseUri = new("https://teamsmeetbot.tests/schemas/teams-manifest-1.29.json");

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var node = SharedData.ReadJson("schemas", "teams-manifest-1.29.schema.json").AsObject();

        // The file declares draft-04 but uses draft-06 keywords ("const"); JsonSchema.Net evaluates
        // draft-06 and later, and the two agree on every keyword this schema uses.
        node["$schema"] = "http://json-schema.org/draft-06/schema#";
        return JsonSchema.FromText(node.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, BaseUri);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every violation as "location: keyword: message"; empty when the manifest is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonNode manifest)
    {
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in result.Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                errors.Add($"{detail.InstanceLocation}: {keyword}: {message}");
            }
        }

        return errors.Count > 0 ? errors : ["the manifest does not validate against teams-manifest-1.29.schema.json"];
    }

    public static void AssertValid(JsonNode manifest)
    {
        var errors = Validate(manifest);
        Assert.True(errors.Count == 0, "manifest.json violates the Teams manifest schema 1.29:\n" + string.Join('\n', errors));
    }
}
