using System.Text.Json.Serialization;

namespace TeamsMeetBot.BareEndpoint;

[JsonSerializable(typeof(BareActivity))]
internal sealed partial class BareJsonContext : JsonSerializerContext;
