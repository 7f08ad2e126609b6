using System.Text.Json.Serialization;

namespace TeamsMeetBot.Calls;

/// <summary>The join claim's value (when it was taken).</summary>
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class CallsTimeJsonContext : JsonSerializerContext;
