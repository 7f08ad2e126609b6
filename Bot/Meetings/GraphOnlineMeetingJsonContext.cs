using System.Text.Json.Serialization;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// Graph's JSON for createOrGet: the request (<see cref="GraphCreateOrGetRequest"/>) and the meeting it answers with
/// (<see cref="GraphOnlineMeeting"/>). camelCase names; nulls are not written; unknown properties are skipped.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphOnlineMeeting))]
[JsonSerializable(typeof(GraphCreateOrGetRequest))]
internal sealed partial class GraphOnlineMeetingJsonContext : JsonSerializerContext;
