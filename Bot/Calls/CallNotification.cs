namespace TeamsMeetBot.Calls;

/// <summary>What one Graph commsNotification says about a call.</summary>
public abstract record CallNotification(string CallId);

/// <summary>The call's state changed (<c>/communications/calls/{id}</c>).</summary>
public sealed record CallStateNotification(string CallId, CallState State, string? EndReason) : CallNotification(CallId);

/// <summary>The full roster (<c>/communications/calls/{id}/participants</c>).</summary>
public sealed record RosterNotification(string CallId, IReadOnlyList<CallParticipant> Participants) : CallNotification(CallId);

/// <summary>An invite operation finished (<c>/communications/calls/{id}/operations/{opId}</c>).</summary>
public sealed record InviteOperationNotification(string CallId, IReadOnlyList<string> UserIds, bool Failed) : CallNotification(CallId);
