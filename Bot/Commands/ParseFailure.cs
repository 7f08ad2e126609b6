namespace TeamsMeetBot.Commands;

/// <summary>
/// A message that did not become a command, with a friendly <see cref="Message"/> saying what was wrong and a
/// <see cref="Suggestion"/>: the closest valid command text (e.g. "meet now with @Alice Anders").
/// </summary>
/// <param name="Kind">The reason.</param>
/// <param name="Message">What the sender is told, complete: what was wrong, what was understood, and the command that would
/// work, quoted (the bot sends it as it is; a scheduling card only adds "Or fill in the card below.").</param>
/// <param name="Suggestion">The closest command that would work (the one <see cref="Message"/> quotes), for the help card's
/// "Did you mean" line and for tests that parse it again.</param>
/// <param name="NeedsSchedulingCard">True when the bot should answer with a scheduling card prefilled from <see cref="Understood"/>.</param>
/// <param name="Understood">What was understood of a meeting request (null for non-meeting commands).</param>
public sealed record ParseFailure(
    ParseFailureKind Kind,
    string Message,
    string Suggestion,
    bool NeedsSchedulingCard,
    SchedulingDraft? Understood) : ParseResult
{
    /// <summary>
    /// For <see cref="ParseFailureKind.NotUnderstood"/>: the message as the sender saw it in Teams (mentions as @name, the
    /// bot's own mention and Teams' markup left out), for the help card's "I didn't understand" line.
    /// </summary>
    public string? Written { get; init; }
}
