namespace TeamsMeetBot.LocalGraph;

/// <summary>A configured member of a simulated Teams tag (Graph <c>teamworkTagMember</c>).</summary>
public sealed record LocalGraphTagMember
{
    /// <summary>The member's Entra object id.</summary>
    public string UserId { get; set; } = "";

    /// <summary>Shown name; when empty, taken from <see cref="LocalGraphOptions.Users"/>.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Tenant of the member; defaults to <see cref="LocalGraphOptions.TenantId"/>.</summary>
    public string? TenantId { get; set; }

    /// <summary>The teamworkTagMember id; derived from the tag and user ids when empty.</summary>
    public string? Id { get; set; }
}
