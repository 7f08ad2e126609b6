namespace TeamsMeetBot.LocalGraph;

/// <summary>One call placed on the simulated Graph. Mutated only under <see cref="Gate"/>.</summary>
public sealed class SimulatedCall(string id, string tenantId, Uri callbackUri, string myParticipantId, string botAppId)
{
    public string Id { get; } = id;
    public string TenantId { get; } = tenantId;
    public Uri CallbackUri { get; } = callbackUri;
    public string MyParticipantId { get; } = myParticipantId;
    public string BotAppId { get; } = botAppId;
    public Lock Gate { get; } = new();

    /// <summary>Serializes this call's notifications so they leave in the order they were produced.</summary>
    public SemaphoreSlim SendOrder { get; } = new(1, 1);

    /// <summary>People in the call: participant id → (user id, display name).</summary>
    public Dictionary<string, (string UserId, string? DisplayName)> People { get; } = new(StringComparer.Ordinal);

    public bool Terminated { get; set; }
}
