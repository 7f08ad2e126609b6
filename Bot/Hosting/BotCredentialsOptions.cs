namespace TeamsMeetBot.Hosting;

/// <summary>
/// The bot's identity, read from the configuration root with the key names Bot Framework users
/// already know (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>,
/// <c>MicrosoftAppTenantId</c>) plus a certificate option. Secrets come from environment variables,
/// user secrets or a key vault provider, never from the checked-in appsettings.json.
/// </summary>
public sealed class BotCredentialsOptions
{
    public const string SingleTenant = "SingleTenant";
    public const string MultiTenant = "MultiTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    /// <summary><c>SingleTenant</c> (default), <c>UserAssignedMSI</c> or <c>MultiTenant</c> (legacy).</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The bot's Entra app (client) id; for UserAssignedMSI the managed identity's client id.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Path to a PFX or PEM (certificate + private key) used instead of a client secret.</summary>
    public string? MicrosoftAppCertificatePath { get; set; }

    public string? MicrosoftAppCertificatePassword { get; set; }

    /// <summary>Thumbprint of a certificate in the CurrentUser/My store, used instead of a client secret.</summary>
    public string? MicrosoftAppCertificateThumbprint { get; set; }

    public string AppType => string.IsNullOrWhiteSpace(MicrosoftAppType) ? SingleTenant : MicrosoftAppType.Trim();

    public bool HasCertificate =>
        !string.IsNullOrWhiteSpace(MicrosoftAppCertificatePath) || !string.IsNullOrWhiteSpace(MicrosoftAppCertificateThumbprint);

    /// <summary>Every problem with the configuration, each as a sentence that says how to fix it.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(MicrosoftAppId))
        {
            problems.Add("MicrosoftAppId is missing: set it to the bot's Entra app (client) id (for UserAssignedMSI, the managed identity's client id).");
            return problems;
        }

        if (!Guid.TryParse(MicrosoftAppId, out _))
        {
            problems.Add($"MicrosoftAppId '{MicrosoftAppId}' is not a GUID: use the Application (client) ID shown on the app registration.");
        }

        bool hasSecret = !string.IsNullOrWhiteSpace(MicrosoftAppPassword);
        bool tenantIsGuid = Guid.TryParse(MicrosoftAppTenantId, out _);
        switch (AppType)
        {
            case var t when string.Equals(t, SingleTenant, StringComparison.OrdinalIgnoreCase):
                if (!tenantIsGuid)
                {
                    problems.Add("MicrosoftAppTenantId must be the directory (tenant) id GUID for a SingleTenant bot.");
                }

                if (!hasSecret && !HasCertificate)
                {
                    problems.Add("A SingleTenant bot needs a credential: set MicrosoftAppPassword (client secret) or MicrosoftAppCertificatePath / MicrosoftAppCertificateThumbprint.");
                }

                break;
            case var t when string.Equals(t, UserAssignedMsi, StringComparison.OrdinalIgnoreCase):
                if (!tenantIsGuid)
                {
                    problems.Add("MicrosoftAppTenantId must be the directory (tenant) id GUID for a UserAssignedMSI bot.");
                }

                if (hasSecret || HasCertificate)
                {
                    problems.Add("A UserAssignedMSI bot authenticates with its managed identity: remove MicrosoftAppPassword and the certificate settings.");
                }

                break;
            case var t when string.Equals(t, MultiTenant, StringComparison.OrdinalIgnoreCase):
                if (!hasSecret && !HasCertificate)
                {
                    problems.Add("A MultiTenant bot needs MicrosoftAppPassword or a certificate.");
                }

                if (!tenantIsGuid)
                {
                    problems.Add("MicrosoftAppTenantId is required for Graph (meetings are created in your tenant) even for a MultiTenant bot.");
                }

                break;
            default:
                problems.Add($"MicrosoftAppType '{MicrosoftAppType}' is not known: use SingleTenant, UserAssignedMSI or MultiTenant.");
                break;
        }

        if (!string.IsNullOrWhiteSpace(MicrosoftAppCertificatePath) && !File.Exists(MicrosoftAppCertificatePath))
        {
            problems.Add($"MicrosoftAppCertificatePath '{MicrosoftAppCertificatePath}' does not exist.");
        }

        return problems;
    }
}
