namespace TeamsMeetBot.Commands;

/// <summary>
/// One mention entity of the message other than the bot's own: the Teams id (<c>29:…</c> for a user, a tag id
/// for a tag), the display name, the exact markup as it appears in the text (<c>&lt;at&gt;Alice Anders&lt;/at&gt;</c>)
/// and whether it is a Teams tag (such as @oncall-db) rather than a person.
/// </summary>
public sealed record MentionInput(string Id, string Name, string Text, bool IsTag = false);
