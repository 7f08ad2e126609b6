using System.Text.Json.Serialization;

namespace TeamsMeetBot.Meetings;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MeetingRecord))]
[JsonSerializable(typeof(ChannelMeetingEntry))]
internal sealed partial class MeetingsJsonContext : JsonSerializerContext;
