namespace TeamsMeetBot.LocalGraph;

/// <summary>A user of the simulated tenant's directory.</summary>
public sealed record LocalGraphUser
{
    public string? DisplayName { get; set; }

    public string? UserPrincipalName { get; set; }
}
