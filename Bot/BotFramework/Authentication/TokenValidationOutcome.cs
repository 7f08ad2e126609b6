namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>
/// The verdict on one inbound request's token. <see cref="FailureReason"/> is for logs only: never
/// put it in an HTTP response (answer a failure with a bare 401).
/// </summary>
public readonly record struct TokenValidationOutcome(bool Succeeded, string? FailureReason)
{
    public static TokenValidationOutcome Success { get; } = new(true, null);

    public static TokenValidationOutcome Fail(string reason) => new(false, reason);
}
