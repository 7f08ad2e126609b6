namespace TeamsMeetBot.Commands;

/// <summary>
/// "ring @alice", "call in @bob", "ring everyone": the bot (in the call) rings people in.
/// An empty <see cref="Targets"/> means every attendee who is not in the call yet.
/// </summary>
/// <param name="Targets">The mentioned people (or tags) to ring, in order, without duplicates.</param>
/// <param name="UnmatchedNames">Names typed as plain "@name" text without a Teams mention; never rung.</param>
public sealed record RingCommand(IReadOnlyList<MentionInput> Targets, IReadOnlyList<string> UnmatchedNames) : BotCommand;
