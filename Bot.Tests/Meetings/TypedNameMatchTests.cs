using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Tests.Meetings;

/// <summary>How a name typed as text ("except @alice") is matched against a member, to leave them out.</summary>
public class TypedNameMatchTests
{
    public static TheoryData<string, string, string?, bool> Cases => new()
    {
        { "alice", "Alice Anders", "alice.anders@contoso.com", true },
        { "Alice", "Alice Anders", null, true },
        { "alice.anders", "Alice Anders", null, true },
        { "alice_anders", "Alice Anders", null, true },
        { "alice-anders", "Alice Anders", null, true },
        { "aanders", "Alice Anders", "aanders@contoso.com", true },
        { "anders", "Alice Anders", "alice@contoso.com", false },
        { "ali", "Alice Anders", "alice@contoso.com", false },
        { "bob", "Alice Anders", "alice@contoso.com", false },
        { "alice", "Alicia Keys", "akeys@contoso.com", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_typed_name_means_a_first_name_a_joined_full_name_or_a_sign_in_name(string typed, string name, string? upn, bool matches) =>
        Assert.Equal(matches, AttendeeResolver.TypedNameMatches(typed, new MeetingPerson("29:x", name, "aad", upn)));
}
