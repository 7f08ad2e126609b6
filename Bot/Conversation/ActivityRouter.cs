using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Conversation;

/// <summary>
/// Routes one authenticated activity: messages to the commands, button presses to the card actions,
/// installs to the welcome. It is the last safety net of a turn: whatever a feature throws, the
/// person gets an answer, and Teams never sees a 500.
/// </summary>
public sealed class ActivityRouter(
    RedeliveryGuard redeliveryGuard,
    ConversationReferenceStore references,
    BotMessenger messenger,
    CommandHandler commands,
    CardActionHandler cardActions,
    ILogger<ActivityRouter> logger)
{
    public const string StoreDownMessage = "I can't reach my storage right now, so I can't act on that safely. Please try again in a minute.";
    public const string GenericFailureMessage = "Sorry, something went wrong on my side while handling that. Please try again in a minute.";

    public async Task<TurnOutcome> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await references.RememberAsync(activity, cancellationToken);
            return activity.Type switch
            {
                ActivityTypes.Message => await RunOnceAsync(activity, HandleMessageAsync, cancellationToken),
                ActivityTypes.InstallationUpdate => await HandleInstallationUpdateAsync(activity, cancellationToken),
                ActivityTypes.ConversationUpdate => await HandleConversationUpdateAsync(activity, cancellationToken),
                _ => Ignore(activity),
            };
        }
        catch (StoreUnavailableException ex)
        {
            RouterLog.StoreUnavailable(logger, ex);
            return activity.IsType(ActivityTypes.Message) ? await TryTellAsync(activity, StoreDownMessage, cancellationToken) : TurnOutcome.Failed;
        }
    }

    public async Task<AdaptiveCardInvokeResponse> HandleInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await references.RememberAsync(activity, cancellationToken);
            if (!string.Equals(activity.Name, "adaptiveCard/action", StringComparison.Ordinal))
            {
                RouterLog.UnsupportedInvoke(logger, activity.Name ?? "(none)");
                return AdaptiveCardInvokeResponse.Error(400, "NotSupported", "This bot does not support that kind of request.");
            }

            var action = CardAction.FromInvoke(activity);
            if (action is null)
            {
                return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "That button sent something I can't read. Try the command in chat instead (type help).");
            }

            return await cardActions.HandleAsync(action, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            RouterLog.StoreUnavailable(logger, ex);
            return AdaptiveCardInvokeResponse.Message(StoreDownMessage);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RouterLog.TurnFailed(logger, ex);
            return AdaptiveCardInvokeResponse.Message(GenericFailureMessage);
        }
    }

    private async Task HandleMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Value is not null)
        {
            var action = CardAction.FromSubmit(activity);
            if (action is null)
            {
                await messenger.ReplyTextAsync(activity, "That button sent something I can't read. Type help to see what I can do.", cancellationToken);
                return;
            }

            var result = await cardActions.HandleAsync(action, cancellationToken);
            if (result.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                await messenger.ReplyTextAsync(activity, result.Value.GetValue<string>(), cancellationToken);
            }

            return;
        }

        await commands.HandleAsync(activity, cancellationToken);
    }

    private async Task<TurnOutcome> RunOnceAsync(Activity activity, Func<Activity, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        TurnClaim? claim = null;
        if (!string.IsNullOrEmpty(activity.Id))
        {
            claim = await redeliveryGuard.TryClaimAsync(activity, cancellationToken);
            if (claim is null)
            {
                RouterLog.Duplicate(logger, activity.Type ?? "");
                return TurnOutcome.Duplicate;
            }
        }

        var outcome = TurnOutcome.Handled;
        try
        {
            await work(activity, cancellationToken);
        }
        catch (ConnectorException ex) when (!cancellationToken.IsCancellationRequested && ex.RefusesConversationForGood
            && ex.StatusCode is not (System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.RequestEntityTooLarge))
        {
            // The conversation takes no messages from the bot (it was removed from the chat, the chat is gone, the person
            // blocked it): a "something went wrong" would meet the same answer, and so would a redelivery.
            RouterLog.Undeliverable(logger, (int)ex.StatusCode!.Value, ex.ErrorCode ?? "no error code", ex);
            outcome = TurnOutcome.Undeliverable;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RouterLog.TurnFailed(logger, ex);
            outcome = await TryTellAsync(activity, GenericFailureMessage, cancellationToken);
            if (outcome == TurnOutcome.Failed)
            {
                if (claim is not null)
                {
                    await redeliveryGuard.ReleaseAsync(claim, CancellationToken.None);
                }

                return TurnOutcome.Failed;
            }
        }

        if (claim is not null)
        {
            // The person has their answer; Teams gets its 200 without waiting for the mark (the lease covers the gap).
            redeliveryGuard.CompleteInBackground(claim);
        }

        return outcome;
    }

    private async Task<TurnOutcome> HandleInstallationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        string action = activity.Action ?? "";
        if (action.StartsWith("remove", StringComparison.OrdinalIgnoreCase))
        {
            await references.ForgetWelcomeAsync(activity.TenantId ?? "", activity.Conversation!.Id!, cancellationToken);
            return TurnOutcome.Handled;
        }

        return action.StartsWith("add", StringComparison.OrdinalIgnoreCase) ? await WelcomeAsync(activity, cancellationToken) : Ignore(activity);
    }

    private async Task<TurnOutcome> HandleConversationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        string? botId = activity.Recipient?.Id;
        bool botAdded = activity.MembersAdded?.Any(m => string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase)) == true;
        bool botRemoved = activity.MembersRemoved?.Any(m => string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase)) == true;
        if (botRemoved)
        {
            await references.ForgetWelcomeAsync(activity.TenantId ?? "", activity.Conversation!.Id!, cancellationToken);
            return TurnOutcome.Handled;
        }

        return botAdded ? await WelcomeAsync(activity, cancellationToken) : Ignore(activity);
    }

    /// <summary>Teams announces an install with both installationUpdate and conversationUpdate; welcome once.</summary>
    private async Task<TurnOutcome> WelcomeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!await references.TryMarkWelcomedAsync(activity.TenantId ?? "", activity.Conversation!.Id!, cancellationToken))
        {
            return TurnOutcome.Duplicate;
        }

        bool personal = string.Equals(activity.Conversation.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        string text = personal
            ? "Hi, I'm TeamsMeetBot. Type **meet now** to start a Teams meeting, **meet now with @Alice about the release** to invite people, or **help** to see everything I can do."
            : "Hi, I'm TeamsMeetBot. @mention me with **meet now with @Alice** to start a Teams meeting here, or **help** to see everything I can do.";
        await messenger.ReplyTextAsync(activity, text, cancellationToken);
        return TurnOutcome.Handled;
    }

    private TurnOutcome Ignore(Activity activity)
    {
        RouterLog.Ignored(logger, activity.Type ?? "");
        return TurnOutcome.Ignored;
    }

    private async Task<TurnOutcome> TryTellAsync(Activity activity, string text, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.ReplyTextAsync(activity, text, cancellationToken);
            return TurnOutcome.Handled;
        }
        catch (ConnectorException ex) when (!cancellationToken.IsCancellationRequested && ex.RefusesConversationForGood)
        {
            RouterLog.Undeliverable(logger, (int)ex.StatusCode!.Value, ex.ErrorCode ?? "no error code", ex);
            return TurnOutcome.Undeliverable;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RouterLog.CouldNotTell(logger, ex);
            return TurnOutcome.Failed;
        }
    }
}
