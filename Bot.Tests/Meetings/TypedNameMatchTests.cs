using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Tests.Meetings;

/// <summary>How a name typed as text ("with bob", "except @alice", "alice@contoso.com") is matched against a member.</summary>
public class TypedNameMatchTests
{
    private const int None = TypedNameMatch.None;
    private const int Part = TypedNameMatch.Part;
    private const int Whole = TypedNameMatch.Whole;

    /// <summary>typed, display name, given name, surname, sign-in name, email → strength.</summary>
    public static TheoryData<string, string, string?, string?, string?, string?, int> Cases => new()
    {
        { "alice", "Alice Anders", null, null, "alice.anders@contoso.com", null, Part },
        { "Alice", "Alice Anders", null, null, null, null, Part },
        { "@alice", "Alice Anders", null, null, null, null, Part },
        { "anders", "Alice Anders", null, null, "alice@contoso.com", null, Part },
        { "Alice Anders", "Alice Anders", null, null, null, null, Whole },
        { "alice anders", " Alice Anders ", null, null, null, null, Whole },
        { "alice.anders", "Alice Anders", null, null, null, null, Part },
        { "alice_anders", "Alice Anders", null, null, null, null, Part },
        { "alice-anders", "Alice Anders", null, null, null, null, Part },
        { "aanders", "Alice Anders", null, null, "aanders@contoso.com", null, Part },
        { "zoe", "Zoë Quinn", null, null, null, null, Part },
        { "Zoe Quinn", "Zoë Quinn", null, null, null, null, Whole },
        { "jo", "Anders, Jo", "Jo", "Anders", null, null, Part },
        { "alice@contoso.com", "Alice Anders", null, null, "alice@contoso.com", null, Whole },
        { "ALICE@contoso.com", "Alice Anders", null, null, "aa@contoso.com", "alice@contoso.com", Whole },
        { "alice@fabrikam.com", "Alice Anders", null, null, "alice@contoso.com", "alice@contoso.com", None },
        { "ali", "Alice Anders", null, null, "alice@contoso.com", null, None },
        { "bob", "Alice Anders", null, null, "alice@contoso.com", null, None },
        { "alice", "Alicia Keys", null, null, "akeys@contoso.com", null, None },
        { "alice anders", "Alice Zhou", null, null, null, null, None },
        { "", "Alice Anders", null, null, null, null, None },
        { "@", "Alice Anders", null, null, null, null, None },
        { "alice", "", null, null, null, null, None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_typed_name_fits_a_whole_name_an_address_or_one_part_of_a_name(string typed, string name, string? given, string? surname, string? upn, string? email, int strength) =>
        Assert.Equal(strength, TypedNameMatch.Strength(typed, name, given, surname, upn, email));

    [Theory]
    [InlineData("anders", true)]
    [InlineData("alice.anders", true)]
    [InlineData("ali", false)]
    public void A_name_left_out_matches_any_part_of_an_attendee_s_name(string typed, bool matches) =>
        Assert.Equal(matches, AttendeeResolver.TypedNameMatches(typed, new MeetingPerson("29:x", "Alice Anders", "aad", "alice@contoso.com")));

    [Theory]
    [InlineData("alice", "Alice Anders|Alice Zhou|Bob Brown", "Alice Anders|Alice Zhou")]
    [InlineData("alice", "Alice Anders|Alice|Alice Zhou", "Alice")]
    [InlineData("Alice Zhou", "Alice Anders|Alice Zhou", "Alice Zhou")]
    [InlineData("zed", "Alice Anders|Alice Zhou", "")]
    public void The_best_fits_are_the_whole_names_if_any_else_every_part_that_fits(string typed, string names, string best) =>
        Assert.Equal(best, string.Join("|", TypedNameMatch.Best(typed, names.Split('|'), static (t, n) => TypedNameMatch.Strength(t, n, null, null, null, null))));
}
