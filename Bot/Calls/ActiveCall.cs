namespace TeamsMeetBot.Calls;

/// <summary>
/// Marks a call the bot is in, so the keep-alive service can find it (partition
/// <see cref="CallKeepAlive.Partition"/>, row = Graph call id). <see cref="LastKeepAlive"/> is claimed
/// with an ETag write, so with several instances each call gets one keep-alive per interval.
/// </summary>
public sealed record ActiveCall(string TenantId, DateTimeOffset JoinedAt, DateTimeOffset LastKeepAlive);
