namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Settings of the outbound Bot Connector client, bound from the <c>Connector</c> configuration
/// section. Every value has a safe default; nothing here is secret.
/// </summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>The Teams Connector hosts used when <see cref="AllowedServiceHosts"/> is not configured.</summary>
    public static IReadOnlyList<string> DefaultAllowedServiceHosts { get; } =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    /// <summary>
    /// Hosts the bot may call over https with its token (exact names, or <c>*.suffix</c> for any
    /// sub-domain). When configured, the list replaces the defaults instead of extending them.
    /// </summary>
    public string[]? AllowedServiceHosts { get; set; }

    /// <summary>
    /// For load benchmarks only; default false, and never needed in a deployment. When true, a bot
    /// in production mode may also call serviceUrls whose host is a loopback IP literal (127.0.0.0/8
    /// or ::1, http or https) such as a fake Connector on the same machine, and those calls carry
    /// no token. No other host is affected (not even <c>localhost</c>): the https allow-list and the
    /// token rules above stay exactly as they are. Teams never signs a channel token for a loopback
    /// serviceUrl, so a real activity cannot make the bot use this; the bot warns at start-up when it is on.
    /// </summary>
    public bool AllowLoopbackServiceUrls { get; set; }

    /// <summary>How many times one call is retried after a retryable failure (429, 412, 502, 504, transport).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Total time one call may spend waiting between retries; a longer Retry-After gives up at once.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First back-off delay when the Connector sends no Retry-After; doubles on each retry (±20% jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of one computed back-off delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one HTTP attempt may take before it counts as a transport failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-conversation pacing of sends, replies and updates.</summary>
    public ConnectorPacingOptions Pacing { get; set; } = new();

    public IReadOnlyList<string> EffectiveAllowedServiceHosts =>
        AllowedServiceHosts is { Length: > 0 } configured ? configured : DefaultAllowedServiceHosts;

    /// <summary>Every problem with the settings, each as a sentence that says how to fix it.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add("Connector:MaxRetries must be between 0 and 10.");
        }

        if (RetryBudget < TimeSpan.Zero || RetryBudget > TimeSpan.FromMinutes(5))
        {
            problems.Add("Connector:RetryBudget must be between 00:00:00 and 00:05:00 (a TimeSpan, e.g. 00:00:20).");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            problems.Add("Connector:RetryBaseDelay must be positive and not larger than Connector:RetryMaxDelay.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add("Connector:AttemptTimeout must be positive (a TimeSpan, e.g. 00:00:30).");
        }

        if (AllowedServiceHosts is not null && AllowedServiceHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/', StringComparison.Ordinal) || h.Contains(':', StringComparison.Ordinal)))
        {
            problems.Add("Connector:AllowedServiceHosts must hold host names only (no scheme, port or path), e.g. smba.trafficmanager.net or *.example.com.");
        }

        problems.AddRange(Pacing.Validate());
        return problems;
    }
}
