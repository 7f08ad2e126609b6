using System.Text.Json.Serialization;

namespace TeamsMeetBot.Calls;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CallRecord))]
[JsonSerializable(typeof(CallPointer))]
[JsonSerializable(typeof(ActiveCall))]
internal sealed partial class CallsJsonContext : JsonSerializerContext;
