namespace TeamsMeetBot.Calls;

/// <summary>The meeting's current call: table <see cref="Storage.StoreTables.Calls"/>, partition = the meeting's partition, row = the meeting key.</summary>
public sealed record CallPointer(string CallId, DateTimeOffset JoinedAt);
