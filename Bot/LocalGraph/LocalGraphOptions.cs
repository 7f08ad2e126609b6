namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Configuration section <c>LocalGraph</c>: how the simulated Graph behaves. Re-read when the
/// configuration reloads, and replaceable at runtime through <see cref="LocalGraphBehavior.Apply"/> or
/// <c>POST /_local/graph/_behavior</c>.
/// </summary>
public sealed class LocalGraphOptions
{
    public const string SectionName = "LocalGraph";

    /// <summary>App id named in the simulated 403 when no real app id is configured (local mode has none).</summary>
    public const string DefaultAppId = "00000000-0000-0000-0000-00000000b075";

    /// <summary>Tenant the simulated meetings and tag members belong to.</summary>
    public const string DefaultTenantId = "00000000-0000-0000-0000-0000000071d0";

    public LocalGraphMode Mode { get; set; } = LocalGraphMode.Normal;

    /// <summary>Seconds sent in <c>Retry-After</c> on 429 (and on 503 in <see cref="LocalGraphMode.ServerError"/>).</summary>
    public int ThrottleRetryAfterSeconds { get; set; } = 1;

    /// <summary>How many requests are throttled after the mode is set; 0 or less throttles every request.</summary>
    public int ThrottleCount { get; set; } = 1;

    /// <summary>Status answered in <see cref="LocalGraphMode.ServerError"/>: 503 (default) or 500.</summary>
    public int ServerErrorStatusCode { get; set; } = 503;

    /// <summary>Delay added to every Graph request (measured with the injected TimeProvider), for benchmarks.</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>
    /// Validate every request body against the strict Graph schema and answer Graph's 400 on a violation (the
    /// default, and what the tests rely on). The benchmark turns it off: validation costs the simulator more CPU per
    /// command than the bot's own work, and real Graph does not spend the bot's cores. Enum values are normalised
    /// to Graph's spelling either way.
    /// </summary>
    public bool ValidateRequestBodies { get; set; } = true;

    /// <summary>
    /// Keep every request in the log at <c>/_local/graph/_requests</c> (the default, and what the tests and the
    /// README's manual checks read). The benchmark's load turns it off: the log holds up to
    /// <see cref="LocalGraphRecorder.Capacity"/> requests, and a simulator that keeps them collects its heap more often
    /// and for longer while commands wait on it.
    /// </summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>App id named in the 403 body; defaults to the bot's app id, else <see cref="DefaultAppId"/>.</summary>
    public string? AppId { get; set; }

    /// <summary>Tenant id of the simulated tenant (joinWebUrl context, identities, tag members).</summary>
    public string TenantId { get; set; } = DefaultTenantId;

    /// <summary>Teams tags: tag id → members, served at <c>GET /teams/{teamId}/tags/{tagId}/members</c>.</summary>
    public Dictionary<string, List<LocalGraphTagMember>> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Optional directory: Entra object id → display name and UPN (used for organizers and tag members).</summary>
    public Dictionary<string, LocalGraphUser> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Milliseconds before an invited person joins the call (unless listed in <see cref="NoAnswerUsers"/>).</summary>
    public int InviteAnswerDelayMilliseconds { get; set; } = 3000;

    /// <summary>Entra object ids of people who never answer when rung (Teams sends no event for that).</summary>
    public List<string> NoAnswerUsers { get; set; } = [];

    /// <summary>Entra object ids of people already in a meeting call when the bot joins, besides the organizer.</summary>
    public List<string> CallParticipants { get; set; } = [];

    /// <summary>Whether the meeting's organizer is in the call when the bot joins.</summary>
    public bool OrganizerInCall { get; set; } = true;

    /// <summary>A copy, so a caller changing its instance later does not change the running behaviour.</summary>
    public LocalGraphOptions Clone() => new()
    {
        Mode = Mode,
        ThrottleRetryAfterSeconds = ThrottleRetryAfterSeconds,
        ThrottleCount = ThrottleCount,
        ServerErrorStatusCode = ServerErrorStatusCode,
        LatencyMilliseconds = LatencyMilliseconds,
        ValidateRequestBodies = ValidateRequestBodies,
        RecordRequests = RecordRequests,
        AppId = AppId,
        TenantId = TenantId,
        Tags = Tags.ToDictionary(t => t.Key, t => t.Value.Select(m => m with { }).ToList(), StringComparer.Ordinal),
        Users = Users.ToDictionary(u => u.Key, u => u.Value with { }, StringComparer.OrdinalIgnoreCase),
        InviteAnswerDelayMilliseconds = InviteAnswerDelayMilliseconds,
        NoAnswerUsers = [.. NoAnswerUsers],
        CallParticipants = [.. CallParticipants],
        OrganizerInCall = OrganizerInCall,
    };
}
