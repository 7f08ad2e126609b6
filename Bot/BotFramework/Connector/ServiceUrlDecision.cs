namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Whether a serviceUrl may be called and whether the bot's token goes with the call.
/// <see cref="BaseUri"/> is the normalised base (path ends with '/') when allowed; a request URL's decision
/// (<see cref="ServiceUrlPolicy.EvaluateRequest"/>) leaves it out.
/// </summary>
public sealed record ServiceUrlDecision(bool IsAllowed, bool AttachToken, Uri? BaseUri, string? RefusalReason)
{
    public static ServiceUrlDecision Refuse(string reason) => new(false, false, null, reason);
}
