namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Per-conversation pacing (<c>Connector:Pacing</c>). Teams limits each bot per conversation thread to
/// 7 operations per second, 8 per 2 s, 60 per 30 s and 1800 per hour; the bot queues its own writes
/// to stay below those limits instead of collecting 429s.
/// </summary>
public sealed class ConnectorPacingOptions
{
    public static IReadOnlyList<PacingLimit> DefaultLimits { get; } =
    [
        new() { PermitLimit = 7, Window = TimeSpan.FromSeconds(1) },
        new() { PermitLimit = 8, Window = TimeSpan.FromSeconds(2) },
        new() { PermitLimit = 60, Window = TimeSpan.FromSeconds(30) },
        new() { PermitLimit = 1800, Window = TimeSpan.FromHours(1) },
    ];

    /// <summary>The limits every conversation must respect together; when configured, replaces <see cref="DefaultLimits"/>.</summary>
    public PacingLimit[]? Limits { get; set; }

    /// <summary>How many writes may wait per conversation before further writes fail fast.</summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>Writes in flight at once per conversation; 1 keeps messages in the order they were sent.</summary>
    public int MaxConcurrentPerConversation { get; set; } = 1;

    public IReadOnlyList<PacingLimit> EffectiveLimits => Limits is { Length: > 0 } configured ? configured : DefaultLimits;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (QueueLimit < 0)
        {
            problems.Add("Connector:Pacing:QueueLimit must not be negative.");
        }

        if (MaxConcurrentPerConversation < 1)
        {
            problems.Add("Connector:Pacing:MaxConcurrentPerConversation must be at least 1.");
        }

        if (EffectiveLimits.Any(l => l.PermitLimit < 1 || l.Window <= TimeSpan.Zero))
        {
            problems.Add("Every Connector:Pacing:Limits entry needs PermitLimit ≥ 1 and a positive Window (e.g. 00:00:01).");
        }

        return problems;
    }
}
