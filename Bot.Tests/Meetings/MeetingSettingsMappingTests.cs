using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Graph.Models;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Tests.Meetings;

/// <summary>The bot's own lobby and presenter settings map one to one onto Graph's values (as the Graph SDK spells them), and bind from the documented strings.</summary>
public sealed class MeetingSettingsMappingTests
{
    public static TheoryData<MeetingLobbyBypass> LobbyValues => [.. Enum.GetValues<MeetingLobbyBypass>()];

    public static TheoryData<MeetingPresenters> PresenterValues => [.. Enum.GetValues<MeetingPresenters>()];

    [Theory]
    [MemberData(nameof(LobbyValues))]
    public void Each_lobby_setting_maps_to_the_Graph_value_of_the_same_name(MeetingLobbyBypass value) =>
        Assert.Equal(WireValue(Enum.Parse<LobbyBypassScope>(value.ToString())), OnlineMeetingsClient.ToGraph(value));

    [Theory]
    [MemberData(nameof(PresenterValues))]
    public void Each_presenter_setting_maps_to_the_Graph_value_of_the_same_name(MeetingPresenters value) =>
        Assert.Equal(WireValue(Enum.Parse<OnlineMeetingPresenters>(value.ToString())), OnlineMeetingsClient.ToGraph(value));

    [Fact]
    public void Every_Graph_value_but_the_future_placeholder_has_a_setting()
    {
        Assert.Equal(
            Enum.GetNames<LobbyBypassScope>().Where(n => n != nameof(LobbyBypassScope.UnknownFutureValue)).Order(),
            Enum.GetNames<MeetingLobbyBypass>().Order());
        Assert.Equal(
            Enum.GetNames<OnlineMeetingPresenters>().Where(n => n != nameof(OnlineMeetingPresenters.UnknownFutureValue)).Order(),
            Enum.GetNames<MeetingPresenters>().Order());
    }

    [Theory]
    [InlineData("organizationAndFederated", "roleIsPresenter", MeetingLobbyBypass.OrganizationAndFederated, MeetingPresenters.RoleIsPresenter)]
    [InlineData("organizationExcludingGuests", "organizer", MeetingLobbyBypass.OrganizationExcludingGuests, MeetingPresenters.Organizer)]
    [InlineData("everyone", "everyone", MeetingLobbyBypass.Everyone, MeetingPresenters.Everyone)]
    public void The_documented_strings_bind(string lobby, string presenters, MeetingLobbyBypass expectedLobby, MeetingPresenters expectedPresenters)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meetings:LobbyBypass"] = lobby,
            ["Meetings:AllowedPresenters"] = presenters,
        }).Build();

        var options = configuration.GetSection(MeetingsOptions.Section).Get<MeetingsOptions>()!;

        Assert.Equal(expectedLobby, options.LobbyBypass);
        Assert.Equal(expectedPresenters, options.AllowedPresenters);
    }

    [Fact]
    public void The_defaults_are_the_organization_in_the_lobby_and_everyone_presents()
    {
        var options = new MeetingsOptions();
        Assert.Equal("organization", OnlineMeetingsClient.ToGraph(options.LobbyBypass));
        Assert.Equal("everyone", OnlineMeetingsClient.ToGraph(options.AllowedPresenters));
    }

    /// <summary>How the Graph SDK spells an enum value on the wire (its [EnumMember] value).</summary>
    private static string WireValue<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())!.GetCustomAttribute<EnumMemberAttribute>()!.Value!;
}
