namespace TeamsMeetBot.Calls;

/// <summary>The outcome of checking a notification's bearer token: the tenant on success, a reason (for logs only) otherwise.</summary>
public sealed record NotificationAuthResult(bool Succeeded, string? TenantId, string? FailureReason)
{
    public static NotificationAuthResult Success(string tenantId) => new(true, tenantId, null);

    public static NotificationAuthResult Failure(string reason) => new(false, null, reason);
}
