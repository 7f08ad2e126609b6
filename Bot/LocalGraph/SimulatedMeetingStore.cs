using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// The simulated tenant's online meetings, in memory. Thread-safe; documents handed out are copies.
/// A meeting is visible only under its organizer, like Graph's <c>/users/{organizer}/onlineMeetings/{id}</c>.
/// Each meeting is kept as its JSON text, not as a tree of nodes: a long run keeps thousands of them, and the
/// garbage collector traces every object it keeps (a node tree per meeting made each collection of the
/// simulator take 2–17 ms under the benchmark's meeting load).
/// </summary>
public sealed class SimulatedMeetingStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredMeeting> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Organizer, string ExternalId), string> _byExternalId = new(OrganizerAndExternalIdComparer.Instance);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>
    /// Returns the organizer's meeting with <paramref name="externalId"/> unchanged (created: false), or
    /// stores the one <paramref name="create"/> builds (created: true). Atomic per store.
    /// </summary>
    public (JsonObject Meeting, bool Created) CreateOrGet(string organizerId, string externalId, Func<JsonObject> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            if (_byExternalId.TryGetValue((organizerId, externalId), out string? existingId))
            {
                return (_byId[existingId].Read(), false);
            }

            var meeting = create();
            string id = MeetingId(meeting);
            _byId.Add(id, StoredMeeting.Of(organizerId, meeting));
            _byExternalId.Add((organizerId, externalId), id);
            return (meeting, true);
        }
    }

    public JsonObject Add(string organizerId, JsonObject meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        lock (_gate)
        {
            var stored = StoredMeeting.Of(organizerId, meeting);
            _byId.Add(MeetingId(meeting), stored);
            return stored.Read();
        }
    }

    /// <summary>A copy of the meeting, or null when unknown or organized by someone else.</summary>
    public JsonObject? Get(string organizerId, string meetingId)
    {
        lock (_gate)
        {
            return Find(organizerId, meetingId)?.Read();
        }
    }

    /// <summary>
    /// Applies <paramref name="update"/> to a copy; when it returns null (no error) the copy replaces the
    /// stored meeting. Returns (null, null) when the meeting is not found.
    /// </summary>
    public (JsonObject? Meeting, string? Error) Update(string organizerId, string meetingId, Func<JsonObject, string?> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            if (Find(organizerId, meetingId) is not { } stored)
            {
                return (null, null);
            }

            var copy = stored.Read();
            if (update(copy) is { } error)
            {
                return (null, error);
            }

            _byId[meetingId] = StoredMeeting.Of(stored.OrganizerId, copy);
            return (copy, null);
        }
    }

    public bool Delete(string organizerId, string meetingId)
    {
        lock (_gate)
        {
            if (Find(organizerId, meetingId) is null)
            {
                return false;
            }

            _byId.Remove(meetingId);
            foreach (var key in _byExternalId.Where(e => e.Value == meetingId).Select(e => e.Key).ToList())
            {
                _byExternalId.Remove(key);
            }

            return true;
        }
    }

    private StoredMeeting? Find(string organizerId, string meetingId) =>
        _byId.TryGetValue(meetingId, out var stored) && string.Equals(stored.OrganizerId, organizerId, StringComparison.OrdinalIgnoreCase)
            ? stored
            : null;

    private static string MeetingId(JsonObject meeting) =>
        meeting["id"]?.GetValue<string>() ?? throw new ArgumentException("A meeting document needs an id.", nameof(meeting));

    /// <summary>A meeting as its organizer and its JSON text (UTF-8).</summary>
    private sealed record StoredMeeting(string OrganizerId, byte[] Json)
    {
        public static StoredMeeting Of(string organizerId, JsonObject meeting)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                meeting.WriteTo(writer);
            }

            return new(organizerId, buffer.WrittenSpan.ToArray());
        }

        /// <summary>A new document, the caller's own.</summary>
        public JsonObject Read() => JsonNode.Parse(Json)!.AsObject();
    }

    /// <summary>Organizer object ids compare ignoring case (GUIDs); external ids exactly.</summary>
    private sealed class OrganizerAndExternalIdComparer : IEqualityComparer<(string Organizer, string ExternalId)>
    {
        public static readonly OrganizerAndExternalIdComparer Instance = new();

        public bool Equals((string Organizer, string ExternalId) x, (string Organizer, string ExternalId) y) =>
            string.Equals(x.Organizer, y.Organizer, StringComparison.OrdinalIgnoreCase) && string.Equals(x.ExternalId, y.ExternalId, StringComparison.Ordinal);

        public int GetHashCode((string Organizer, string ExternalId) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Organizer), StringComparer.Ordinal.GetHashCode(obj.ExternalId));
    }
}
