using System.Text.Json.Serialization;

namespace TeamsMeetBot.BareEndpoint;

/// <summary>from / recipient / conversation of a <see cref="BareActivity"/>.</summary>
public sealed class BareAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; set; }
    [JsonPropertyName("conversationType")] public string? ConversationType { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("isGroup")] public bool? IsGroup { get; set; }
}
