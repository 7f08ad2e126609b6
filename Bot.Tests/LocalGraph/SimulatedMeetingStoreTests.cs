using System.Text.Json.Nodes;
using TeamsMeetBot.LocalGraph;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The simulated Graph's meeting store keeps its own copy of every meeting and hands out copies.</summary>
public sealed class SimulatedMeetingStoreTests
{
    private const string Organizer = "550fae72-d251-43ec-868c-373732c2704f";

    private static JsonObject Meeting(string id, string subject) => new()
    {
        ["id"] = id,
        ["subject"] = subject,
        ["startDateTime"] = "2026-11-27T15:00:00Z",
        ["participants"] = new JsonObject { ["attendees"] = new JsonArray(new JsonObject { ["upn"] = "alice@contoso.com" }) },
    };

    [Fact]
    public void CreateOrGet_StoresWhatWasCreated_AndChangingAHandedOutDocumentChangesNothingStored()
    {
        var store = new SimulatedMeetingStore();

        var (created, isNew) = store.CreateOrGet(Organizer, "ext-1", () => Meeting("m1", "Failover"));
        created["subject"] = "changed by the caller";
        created["participants"]!["attendees"]!.AsArray().Clear();
        var (again, isNewAgain) = store.CreateOrGet(Organizer, "ext-1", () => throw new InvalidOperationException("must not create twice"));

        Assert.True(isNew);
        Assert.False(isNewAgain);
        Assert.Equal("Failover", again["subject"]!.GetValue<string>());
        Assert.Equal("alice@contoso.com", again["participants"]!["attendees"]![0]!["upn"]!.GetValue<string>());
        Assert.Equal("2026-11-27T15:00:00Z", store.Get(Organizer, "m1")!["startDateTime"]!.GetValue<string>());
    }

    [Fact]
    public void Update_KeepsTheUpdatedDocument_OnlyWhenTheUpdateSucceeds()
    {
        var store = new SimulatedMeetingStore();
        store.Add(Organizer, Meeting("m1", "Before"));

        var (updated, error) = store.Update(Organizer, "m1", m =>
        {
            m["subject"] = "After";
            return null;
        });
        updated!["subject"] = "changed by the caller";
        var (refused, refusal) = store.Update(Organizer, "m1", m =>
        {
            m["subject"] = "Not kept";
            return "refused";
        });

        Assert.Null(error);
        Assert.Null(refused);
        Assert.Equal("refused", refusal);
        Assert.Equal("After", store.Get(Organizer, "m1")!["subject"]!.GetValue<string>());
    }

    [Fact]
    public void AMeeting_IsVisibleOnlyUnderItsOrganizer_AndGoneOnceDeleted()
    {
        var store = new SimulatedMeetingStore();
        store.CreateOrGet(Organizer, "ext-1", () => Meeting("m1", "Failover"));

        Assert.Null(store.Get("someone-else", "m1"));
        Assert.NotNull(store.Get(Organizer.ToUpperInvariant(), "m1"));
        Assert.False(store.Delete("someone-else", "m1"));
        Assert.True(store.Delete(Organizer, "m1"));
        Assert.Null(store.Get(Organizer, "m1"));
        Assert.Equal(0, store.Count);
        Assert.True(store.CreateOrGet(Organizer, "ext-1", () => Meeting("m2", "Again")).Created);
    }

    [Fact]
    public void RecorderSnapshots_AreIndependentCopies_AndAMissingBodyStaysNull()
    {
        var recorder = new LocalGraphRecorder();
        recorder.Record("POST", "/v1.0/users/u/onlineMeetings/createOrGet", "", """{"subject":"Recorded","participants":{"attendees":[]}}""");
        recorder.Record("GET", "/v1.0/users/u/onlineMeetings/m1", "$select=subject", null);

        var first = recorder.Snapshot();
        first[0].Body!["subject"] = "changed by the caller";
        var second = recorder.Snapshot();

        Assert.Equal("Recorded", second[0].Body!["subject"]!.GetValue<string>());
        Assert.Null(second[1].Body);
        Assert.Equal(("GET", "/v1.0/users/u/onlineMeetings/m1", "$select=subject"), (second[1].Method, second[1].Path, second[1].Query));
    }
}
