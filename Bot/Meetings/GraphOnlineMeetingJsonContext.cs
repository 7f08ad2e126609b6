using System.Text.Json.Serialization;

namespace TeamsMeetBot.Meetings;

/// <summary>Reads <see cref="GraphOnlineMeeting"/> from Graph's JSON (camelCase names, unknown properties skipped).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GraphOnlineMeeting))]
internal sealed partial class GraphOnlineMeetingJsonContext : JsonSerializerContext;
