namespace TeamsMeetBot.Commands;

/// <summary>
/// "ring @alice", "call in @bob", "ring bob and carol", "ring everyone": the bot (in the call) rings people in.
/// With no one named, every attendee who is not in the call yet.
/// </summary>
/// <param name="Targets">The mentioned people (or tags) to ring, in order, without duplicates.</param>
/// <param name="UnmatchedNames">Names typed as plain "@name" text without picking a Teams mention ("bob" for "@bob"): looked up like <see cref="TypedNames"/>.</param>
public sealed record RingCommand(IReadOnlyList<MentionInput> Targets, IReadOnlyList<string> UnmatchedNames) : BotCommand
{
    /// <summary>People named in words ("ring bob and carol") or by email address, as written: looked up among the meeting's attendees, then the conversation's members.</summary>
    public IReadOnlyList<string> TypedNames { get; init; } = [];

    /// <summary>Everyone named as text, to look up: "@bob" typed as text, then <see cref="TypedNames"/>.</summary>
    public IReadOnlyList<string> NamesToLookUp => ClauseScanner.NamesToLookUp(UnmatchedNames, TypedNames);

    /// <summary>Whether the message named anyone; if not, every attendee not in the call is rung.</summary>
    public bool NamesSomeone => Targets.Count + UnmatchedNames.Count + TypedNames.Count > 0;
}
