using System.Text.Json.Serialization;

namespace TeamsMeetBot.LocalGraph;

/// <summary>Serialization of the simulated Graph's control endpoints (request log, behaviour).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<RecordedGraphRequest>))]
[JsonSerializable(typeof(LocalGraphOptions))]
internal sealed partial class LocalGraphJsonContext : JsonSerializerContext;
