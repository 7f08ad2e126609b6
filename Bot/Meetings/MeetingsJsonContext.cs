using System.Text.Json.Serialization;

namespace TeamsMeetBot.Meetings;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MeetingRecord))]
internal sealed partial class MeetingsJsonContext : JsonSerializerContext;
