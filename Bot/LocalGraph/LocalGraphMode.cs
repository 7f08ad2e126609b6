namespace TeamsMeetBot.LocalGraph;

/// <summary>How the simulated Graph answers, so tests and local runs can drive the bot's error paths.</summary>
public enum LocalGraphMode
{
    /// <summary>Answers like a tenant where everything is set up.</summary>
    Normal,

    /// <summary>
    /// onlineMeetings requests get the documented 403 <c>Unauthorized</c> "App … is not authorized to Create
    /// meeting on behalf of user …" (no Teams application access policy granted to the organizer).
    /// </summary>
    NoApplicationAccessPolicy,

    /// <summary>The next <see cref="LocalGraphOptions.ThrottleCount"/> requests get 429 with Retry-After, then normal answers.</summary>
    Throttle,

    /// <summary>Every request gets <see cref="LocalGraphOptions.ServerErrorStatusCode"/> (503 or 500).</summary>
    ServerError,

    /// <summary>Requests under <c>/users/{id}</c> get 404 as for an object id that is not a user in the tenant.</summary>
    UserNotFound,
}
