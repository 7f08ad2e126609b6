using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// Turns mentions into people Graph can invite. A user mention carries only a Teams id (29:…) and a
/// display name, so each is looked up through the Connector's member API (in parallel, cached per
/// conversation for a few minutes) to get the Entra object id and UPN. A tag mention (@oncall-db) in a
/// team channel expands to the tag's members through Graph. The sender (the organizer) and the bot
/// are never attendees, nor is anyone the sender asked to leave out ("with everyone except @alice").
/// Someone who cannot be resolved does not stop the meeting: they are listed with the reason.
/// </summary>
public sealed class AttendeeResolver(ConnectorClient connector, OnlineMeetingsClient graph, IMemoryCache cache, ILogger<AttendeeResolver> logger)
{
    private static readonly MemoryCacheEntryOptions MemberCacheOptions = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10), Size = 1 };

    /// <param name="excluded">People never to invite: matched by Teams id, or by display name (a tag's members and a name
    /// typed as text have no Teams id to match); a tag left out ("except @oncall-db") leaves out its members.</param>
    /// <param name="typedNames">People named as text, as written ("bob", "@alice", "alice@contoso.com"): looked up among
    /// the conversation's members (see <see cref="AddTypedNamesAsync"/>).</param>
    public async Task<ResolvedAttendees> ResolveAsync(Activity activity, IReadOnlyList<MentionTarget> mentions, bool inviteEveryone, IReadOnlyList<MentionTarget> excluded,
        IReadOnlyList<string> typedNames, CancellationToken cancellationToken)
    {
        string serviceUrl = activity.ServiceUrl!;
        string conversationId = activity.Conversation!.Id!;
        string? senderId = activity.From?.Id;
        string? senderAad = activity.From?.AadObjectId;
        string? botId = activity.Recipient?.Id;
        string? teamId = activity.ChannelData?.Team?.Id ?? activity.ChannelData?.TeamsTeamId;

        var people = new ConcurrentDictionary<string, MeetingPerson>(StringComparer.OrdinalIgnoreCase);
        var notInvited = new ConcurrentBag<(int Order, NotInvited Who)>();
        var tags = new ConcurrentBag<(int Order, string Name)>();

        bool IsSenderOrBot(string? id, string? aad) =>
            (id is not null && (string.Equals(id, senderId, StringComparison.OrdinalIgnoreCase) || string.Equals(id, botId, StringComparison.OrdinalIgnoreCase)))
            || (aad is not null && string.Equals(aad, senderAad, StringComparison.OrdinalIgnoreCase));

        bool IsExcluded(MeetingPerson person)
        {
            foreach (var e in excluded)
            {
                if ((e.Id.Length > 0 && string.Equals(e.Id, person.TeamsId, StringComparison.OrdinalIgnoreCase))
                    || string.Equals(e.Name, person.Name, StringComparison.OrdinalIgnoreCase)
                    || (e.Id.Length == 0 && TypedNameMatches(e.Name, person)))
                {
                    return true;
                }
            }

            return false;
        }

        void Add(MeetingPerson person)
        {
            if (!IsSenderOrBot(person.TeamsId, person.AadObjectId) && !IsExcluded(person))
            {
                people.TryAdd(person.AadObjectId ?? person.TeamsId ?? person.Name, person);
            }
        }

        var lookups = mentions.Select(async (mention, index) =>
        {
            if (IsSenderOrBot(mention.Id, null))
            {
                return;
            }

            if (mention.IsTag)
            {
                if (await ExpandTagAsync(activity, mention, Add, (n, r) => notInvited.Add((index, new NotInvited(n, r))), onlyFailures: false, cancellationToken))
                {
                    tags.Add((index, mention.Name));
                }

                return;
            }

            var member = await LookUpAsync(serviceUrl, conversationId, teamId, mention.Id, cancellationToken);
            if (member?.EntraObjectId is { } oid)
            {
                Add(new MeetingPerson(member.Id ?? mention.Id, member.Name ?? mention.Name, oid, member.UserPrincipalName ?? member.Email));
            }
            else if (member is null && teamId is not null)
            {
                // Not a member: in a team channel this may be a tag mention that arrived without a tag marker.
                if (await ExpandTagAsync(activity, mention, Add, (n, r) => notInvited.Add((index, new NotInvited(n, r))), onlyFailures: false, cancellationToken))
                {
                    tags.Add((index, mention.Name));
                }
            }
            else
            {
                notInvited.Add((index, new NotInvited(mention.Name, member is null
                    ? "not a member of this conversation"
                    : "has no Microsoft Entra account (guests from outside the organization can join with the link)")));
            }
        }).ToList();

        if (typedNames.Count > 0)
        {
            lookups.Add(AddTypedNamesAsync(serviceUrl, conversationId, typedNames, IsSenderOrBot, Add, (k, n) => notInvited.Add((mentions.Count + k, n)), cancellationToken));
        }

        if (inviteEveryone)
        {
            lookups.Add(AddEveryoneAsync(serviceUrl, conversationId, Add, n => notInvited.Add((int.MaxValue, n)), cancellationToken));
        }

        // Who is left out, by Entra id: a tag's members (read in parallel with the lookups above) and, in a team channel,
        // the people mentioned; all are taken out once every lookup is in. A mention that is not a member of the team may
        // be a tag that arrived without its tag marker, as it does when invited.
        var excludedIds = new ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
        void ExcludeTagMember(MeetingPerson member) => excludedIds.TryAdd(member.AadObjectId ?? member.Name, 0);
        void TagNotRead(string name, string reason) => notInvited.Add((int.MaxValue, new NotInvited(name, "I couldn't leave out this tag's members: " + reason)));
        foreach (var left in excluded)
        {
            if (left.IsTag)
            {
                // When the tag cannot be read, the card says its members could not be left out, and why.
                lookups.Add(ExpandTagAsync(activity, left, ExcludeTagMember, TagNotRead, onlyFailures: false, cancellationToken));
            }
            else if (teamId is not null && left.Id.Length > 0 && !IsSenderOrBot(left.Id, null))
            {
                lookups.Add(ExcludeMentionInTeamAsync(left));
            }
        }

        async Task ExcludeMentionInTeamAsync(MentionTarget left)
        {
            var member = await LookUpAsync(serviceUrl, conversationId, teamId, left.Id, cancellationToken);
            if (member is null)
            {
                await ExpandTagAsync(activity, left, ExcludeTagMember, TagNotRead, onlyFailures: true, cancellationToken);
            }
            else if (member.EntraObjectId is { } oid)
            {
                excludedIds.TryAdd(oid, 0);
            }
        }

        await Task.WhenAll(lookups);
        var ordered = people.Values
            .Where(p => excludedIds.IsEmpty || !excludedIds.ContainsKey(p.AadObjectId ?? p.Name))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return new ResolvedAttendees(ordered, notInvited.OrderBy(n => n.Order).Select(n => n.Who).ToList())
        {
            Tags = [.. tags.OrderBy(t => t.Order).Select(t => t.Name)],
        };
    }

    /// <summary>
    /// Whether a name typed as text ("@alice", "@alice.anders", "except bob") means this person, by any part of the name
    /// (<see cref="TypedNameMatch"/>). Used only to leave people out, where leaving out one too many is the safe side.
    /// </summary>
    internal static bool TypedNameMatches(string typed, MeetingPerson person) =>
        TypedNameMatch.Strength(typed, person.Name, null, null, person.UserPrincipalName, null) > TypedNameMatch.None;

    /// <summary>
    /// People named as text ("with bob", "@alice" typed without picking her, "alice@contoso.com"), looked up among the
    /// conversation's members: a name that fits exactly one member invites them (a whole name wins over a first or last
    /// name); one that fits several, or no one, invites no one and says so on the card. Reading the members is not
    /// allowed to stop the meeting: when it fails, the names are listed with the reason.
    /// </summary>
    private async Task AddTypedNamesAsync(string serviceUrl, string conversationId, IReadOnlyList<string> typedNames, Func<string?, string?, bool> isSenderOrBot,
        Action<MeetingPerson> add, Action<int, NotInvited> skip, CancellationToken cancellationToken)
    {
        List<TeamsChannelAccount> members;
        try
        {
            members = await RosterAsync(serviceUrl, conversationId, cancellationToken);
        }
        catch (ConnectorException failure) when (!cancellationToken.IsCancellationRequested)
        {
            AttendeeLog.MembersUnreadable(logger, (int?)failure.StatusCode ?? 0, failure.ErrorCode ?? "", failure.RequestId ?? "", failure);
            string reason = (failure.StatusCode is { } s ? $"Teams answered HTTP {(int)s} when I asked who is in this conversation" : "Teams didn't tell me who is in this conversation")
                + ", so I couldn't look this name up: @mention people from the list instead";
            for (int k = 0; k < typedNames.Count; k++)
            {
                skip(k, new NotInvited(typedNames[k], reason));
            }

            return;
        }

        for (int k = 0; k < typedNames.Count; k++)
        {
            string typed = typedNames[k];
            var chosen = TypedNameMatch.Best(typed, members, static (t, m) => TypedNameMatch.Strength(t, m.Name, m.GivenName, m.Surname, m.UserPrincipalName, m.Email));
            if (chosen.Count > 0 && chosen.TrueForAll(m => isSenderOrBot(m.Id, m.EntraObjectId)))
            {
                continue; // "with me", or the sender's own name: the organizer is in the meeting anyway
            }

            chosen.RemoveAll(m => isSenderOrBot(m.Id, m.EntraObjectId));
            if (chosen.Count == 1 && chosen[0].EntraObjectId is { } oid)
            {
                var member = chosen[0];
                add(new MeetingPerson(member.Id, member.Name ?? typed, oid, member.UserPrincipalName ?? member.Email));
            }
            else if (chosen.Count == 1)
            {
                skip(k, new NotInvited(typed, "has no Microsoft Entra account (guests from outside the organization can join with the link)"));
            }
            else if (chosen.Count > 1)
            {
                string names = string.Join(", ", chosen.Take(4).Select(m => m.Name ?? m.UserPrincipalName ?? "?")) + (chosen.Count > 4 ? " and others" : "");
                skip(k, new NotInvited(typed, $"{chosen.Count} people here go by that name, {names}: @mention the one you mean"));
            }
            else
            {
                skip(k, new NotInvited(typed, "no one in this conversation goes by that name: @mention people from the list so Teams knows who they are"));
            }
        }
    }

    /// <summary>
    /// Everyone in the conversation, kept for two minutes: "meet now with bob", then "ring bob", read a large channel's
    /// members once. Someone added in those minutes is found after them (or by their mention at once).
    /// </summary>
    private async Task<List<TeamsChannelAccount>> RosterAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        string cacheKey = "roster|" + conversationId;
        if (cache.TryGetValue(cacheKey, out List<TeamsChannelAccount>? cached) && cached is not null)
        {
            return cached;
        }

        var members = new List<TeamsChannelAccount>();
        await foreach (var member in connector.GetAllMembersAsync(serviceUrl, conversationId, cancellationToken))
        {
            members.Add(member);
        }

        cache.Set(cacheKey, members, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2), Size = 1 + (members.Count / 10) });
        return members;
    }

    private async Task<TeamsChannelAccount?> LookUpAsync(string serviceUrl, string conversationId, string? teamId, string memberId, CancellationToken cancellationToken)
    {
        string cacheKey = "member|" + conversationId + "|" + memberId;
        if (cache.TryGetValue(cacheKey, out TeamsChannelAccount? cached))
        {
            return cached;
        }

        var member = await connector.GetMemberAsync(serviceUrl, conversationId, memberId, cancellationToken);
        if (member is null && teamId is not null && !string.Equals(teamId, conversationId, StringComparison.Ordinal))
        {
            member = await connector.GetMemberAsync(serviceUrl, teamId, memberId, cancellationToken);
        }

        if (member is not null)
        {
            cache.Set(cacheKey, member, MemberCacheOptions);
        }

        return member;
    }

    /// <summary>Message payloads often lack <c>channelData.team.aadGroupId</c>; the Connector's team details have it.</summary>
    private async Task<string?> TeamGroupIdAsync(string serviceUrl, string teamId, CancellationToken cancellationToken)
    {
        string cacheKey = "team-group|" + teamId;
        if (cache.TryGetValue(cacheKey, out string? groupId))
        {
            return groupId;
        }

        groupId = (await connector.GetTeamAsync(serviceUrl, teamId, cancellationToken))?.AadGroupId;
        if (groupId is not null)
        {
            cache.Set(cacheKey, groupId, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1), Size = 1 });
        }

        return groupId;
    }

    private async Task AddEveryoneAsync(string serviceUrl, string conversationId, Action<MeetingPerson> add, Action<NotInvited> skip, CancellationToken cancellationToken)
    {
        await foreach (var member in connector.GetAllMembersAsync(serviceUrl, conversationId, cancellationToken))
        {
            if (member.EntraObjectId is { } oid)
            {
                add(new MeetingPerson(member.Id, member.Name ?? member.Email ?? oid, oid, member.UserPrincipalName ?? member.Email));
            }
            else if (member.Name is not null)
            {
                skip(new NotInvited(member.Name, "has no Microsoft Entra account"));
            }
        }
    }

    /// <param name="onlyFailures">Report only a failure to read the tag, not that there is no such tag or that it is empty:
    /// for a mention left out that may or may not be a tag, where either means there is no one to leave out.</param>
    /// <returns>Whether the tag was found and its members read.</returns>
    private async Task<bool> ExpandTagAsync(Activity activity, MentionTarget mention, Action<MeetingPerson> add, Action<string, string> skip, bool onlyFailures, CancellationToken cancellationToken)
    {
        string? teamId = activity.ChannelData?.Team?.Id ?? activity.ChannelData?.TeamsTeamId;
        string? groupId = activity.ChannelData?.Team?.AadGroupId ?? (teamId is null ? null : await TeamGroupIdAsync(activity.ServiceUrl!, teamId, cancellationToken));
        if (groupId is null)
        {
            if (!onlyFailures)
            {
                skip(mention.Name, "tags can only be used in a team channel");
            }

            return false;
        }

        try
        {
            string? tagId = mention.IsTag && !mention.Id.StartsWith("29:", StringComparison.Ordinal) ? mention.Id : null;
            tagId ??= await graph.FindTagIdAsync(groupId, mention.Name, cancellationToken);
            if (tagId is null)
            {
                if (!onlyFailures)
                {
                    skip(mention.Name, "not a member of this conversation or a tag of this team");
                }

                return false;
            }

            var members = await graph.GetTagMembersAsync(groupId, tagId, cancellationToken);
            if (members.Count == 0 && !onlyFailures)
            {
                skip(mention.Name, "the tag has no members");
            }

            foreach (var member in members)
            {
                add(member);
            }

            return true;
        }
        catch (GraphFailureException ex)
        {
            AttendeeLog.TagExpansionFailed(logger, mention.Name, ex.StatusCode ?? 0, ex.RequestId ?? "", ex);
            skip(mention.Name, ex.Kind is GraphFailureKind.Forbidden or GraphFailureKind.NoApplicationAccessPolicy
                ? "I'm not allowed to read this team's tags (an admin must grant TeamworkTag.Read.All)"
                : "I couldn't read the tag's members just now");
            return false;
        }
    }
}
