namespace TeamsMeetBot.Storage;

/// <summary>The logical tables. Keys are chosen by each feature; see the feature's store class.</summary>
public static class StoreTables
{
    public const string Idempotency = "idempotency";
    public const string Conversations = "conversations";
    public const string Meetings = "meetings";
    public const string Calls = "calls";
    public const string Reminders = "reminders";
    public const string Leases = "leases";

    public static readonly IReadOnlyList<string> All = [Idempotency, Conversations, Meetings, Calls, Reminders, Leases];
}
