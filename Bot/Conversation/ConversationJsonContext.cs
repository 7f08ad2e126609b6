using System.Text.Json.Serialization;

namespace TeamsMeetBot.Conversation;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ProcessedActivity))]
[JsonSerializable(typeof(WelcomeMarker))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
