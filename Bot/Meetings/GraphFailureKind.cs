namespace TeamsMeetBot.Meetings;

/// <summary>Graph failures that get their own answer in chat.</summary>
public enum GraphFailureKind
{
    /// <summary>403: no Teams application access policy covers the organizer (the most common first failure).</summary>
    NoApplicationAccessPolicy,

    /// <summary>403 for another reason: missing admin consent / permissions.</summary>
    Forbidden,

    /// <summary>404: the organizer is not a Teams-licensed user of this tenant, or the meeting is gone.</summary>
    NotFound,

    /// <summary>400: Graph refused the request.</summary>
    BadRequest,

    /// <summary>429 (or 503/504) still failing after the SDK's retries.</summary>
    Throttled,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>Network failure or anything else.</summary>
    Unavailable,
}
