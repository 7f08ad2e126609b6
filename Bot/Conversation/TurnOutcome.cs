namespace TeamsMeetBot.Conversation;

/// <summary>What became of one delivery of an activity.</summary>
public enum TurnOutcome
{
    /// <summary>Handled now (including "answered with an explanation").</summary>
    Handled,

    /// <summary>A redelivery of an activity that is handled or being handled: nothing was done.</summary>
    Duplicate,

    /// <summary>Not for this bot to act on (reactions, events it does not use).</summary>
    Ignored,

    /// <summary>The turn failed and the user could not even be told; Teams should redeliver.</summary>
    Failed,

    /// <summary>
    /// The answer could not be posted because the Connector refuses the bot's writes to that conversation for good
    /// (the person blocked or removed the bot, the conversation is gone): a redelivery would fail the same way, so it
    /// counts as done.
    /// </summary>
    Undeliverable,
}
