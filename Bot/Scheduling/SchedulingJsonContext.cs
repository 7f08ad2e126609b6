using System.Text.Json.Serialization;

namespace TeamsMeetBot.Scheduling;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StartReminder))]
internal sealed partial class SchedulingJsonContext : JsonSerializerContext;
