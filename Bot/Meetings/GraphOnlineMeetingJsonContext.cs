using System.Text.Json.Serialization;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// Graph's JSON for the meeting calls: createOrGet's request (<see cref="GraphCreateOrGetRequest"/>) and the meeting it
/// answers with (<see cref="GraphOnlineMeeting"/>), and the PATCH body (<see cref="GraphOnlineMeetingPatch"/>). camelCase names; nulls are not written; unknown properties are skipped.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphOnlineMeeting))]
[JsonSerializable(typeof(GraphCreateOrGetRequest))]
[JsonSerializable(typeof(GraphOnlineMeetingPatch))]
internal sealed partial class GraphOnlineMeetingJsonContext : JsonSerializerContext;
