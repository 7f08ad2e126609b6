using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace TeamsMeetBot.Tools.PackageApp;

/// <summary>
/// The values filled into manifest/manifest.json, read from the same configuration keys the bot uses
/// (<c>MicrosoftAppId</c>) plus the <c>TeamsApp</c> section. Every problem is reported as a sentence
/// that says which key to set.
/// </summary>
internal sealed partial class AppPackageSettings
{
    public const string DefaultShortName = "TeamsMeetBot";

    public required string MicrosoftAppId { get; init; }
    public required string TeamsAppId { get; init; }
    public required string BotDomain { get; init; }
    public required string Version { get; init; }
    public required string ShortName { get; init; }
    public required string FullName { get; init; }
    public required string DeveloperName { get; init; }
    public required string WebsiteUrl { get; init; }
    public required string PrivacyUrl { get; init; }
    public required string TermsOfUseUrl { get; init; }

    /// <summary>The manifest placeholders (<c>{{Name}}</c>) and their values.</summary>
    public IReadOnlyDictionary<string, string> Placeholders => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MicrosoftAppId"] = MicrosoftAppId,
        ["TeamsAppId"] = TeamsAppId,
        ["BotDomain"] = BotDomain,
        ["AppVersion"] = Version,
        ["AppShortName"] = ShortName,
        ["AppFullName"] = FullName,
        ["DeveloperName"] = DeveloperName,
        ["DeveloperWebsiteUrl"] = WebsiteUrl,
        ["PrivacyUrl"] = PrivacyUrl,
        ["TermsOfUseUrl"] = TermsOfUseUrl,
    };

    /// <summary>Reads and checks the settings; <paramref name="problems"/> lists everything that is wrong.</summary>
    public static AppPackageSettings? TryRead(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var section = configuration.GetSection("TeamsApp");

        string appId = (configuration["MicrosoftAppId"] ?? "").Trim();
        if (appId.Length == 0)
        {
            errors.Add("MicrosoftAppId is not set: pass --app-id <GUID>, set the environment variable MicrosoftAppId, or put it in appsettings.json / the bot's user secrets.");
        }
        else if (!Guid.TryParseExact(appId, "D", out _))
        {
            errors.Add($"MicrosoftAppId '{appId}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx): use the Application (client) ID of the bot's app registration.");
        }

        string teamsAppId = (section["Id"] ?? "").Trim();
        if (teamsAppId.Length == 0)
        {
            teamsAppId = appId;
        }
        else if (!Guid.TryParseExact(teamsAppId, "D", out _))
        {
            errors.Add($"TeamsApp:Id '{teamsAppId}' is not a GUID; leave it unset to reuse MicrosoftAppId.");
        }

        string? botDomain = ReadBotDomain(configuration, section, errors);

        string version = (section["Version"] ?? "1.0.0").Trim();
        if (!SemVer().IsMatch(version))
        {
            errors.Add($"TeamsApp:Version '{version}' is not a version like 1.0.0 (major.minor.patch). Raise it each time you upload a changed package.");
        }

        string shortName = Limited(section, "ShortName", DefaultShortName, 30, errors);
        string fullName = Limited(section, "FullName", "TeamsMeetBot: Teams meetings from any chat", 100, errors);
        string developerName = Limited(section, "DeveloperName", DefaultShortName, 32, errors);

        string site = botDomain is null ? "" : "https://" + botDomain;
        string websiteUrl = Url(section, "WebsiteUrl", site + "/", errors);
        string privacyUrl = Url(section, "PrivacyUrl", site + "/privacy", errors);
        string termsUrl = Url(section, "TermsOfUseUrl", site + "/terms", errors);

        problems = errors;
        if (errors.Count > 0)
        {
            return null;
        }

        return new AppPackageSettings
        {
            MicrosoftAppId = appId.ToLowerInvariant(),
            TeamsAppId = teamsAppId.ToLowerInvariant(),
            BotDomain = botDomain!,
            Version = version,
            ShortName = shortName,
            FullName = fullName,
            DeveloperName = developerName,
            WebsiteUrl = websiteUrl,
            PrivacyUrl = privacyUrl,
            TermsOfUseUrl = termsUrl,
        };
    }

    /// <summary>
    /// TeamsApp:BotDomain (a host name, or an https URL whose host is taken), else the host of
    /// Calls:PublicBaseUrl, which a deployed bot already has.
    /// </summary>
    private static string? ReadBotDomain(IConfiguration configuration, IConfigurationSection section, List<string> errors)
    {
        string raw = (section["BotDomain"] ?? "").Trim();
        string source = "TeamsApp:BotDomain";
        if (raw.Length == 0)
        {
            raw = (configuration["Calls:PublicBaseUrl"] ?? "").Trim();
            source = "Calls:PublicBaseUrl";
        }

        if (raw.Length == 0)
        {
            errors.Add("The bot's domain is not set: pass --bot-domain <host> (for example teamsmeetbot.contoso.com), set the environment variable TeamsApp__BotDomain, or set Calls:PublicBaseUrl.");
            return null;
        }

        string host = raw;
        if (raw.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add($"{source} '{raw}' must be a host name (teamsmeetbot.contoso.com) or an https URL.");
                return null;
            }

            host = uri.IdnHost;
        }

        host = host.TrimEnd('/').ToLowerInvariant();
        if (Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add($"{source} '{raw}' is not a public DNS host name such as teamsmeetbot.contoso.com (no scheme, port or path; Teams needs the domain the bot is reachable on over https).");
            return null;
        }

        return host;
    }

    private static string Limited(IConfigurationSection section, string key, string fallback, int maxLength, List<string> errors)
    {
        string value = (section[key] ?? "").Trim();
        if (value.Length == 0)
        {
            value = fallback;
        }

        if (value.Length > maxLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"TeamsApp:{key} is {value.Length} characters long; Teams allows at most {maxLength}."));
        }

        if (value.Contains("{{", StringComparison.Ordinal))
        {
            errors.Add($"TeamsApp:{key} must not contain '{{{{'.");
        }

        return value;
    }

    private static string Url(IConfigurationSection section, string key, string fallback, List<string> errors)
    {
        string value = (section[key] ?? "").Trim();
        if (value.Length == 0)
        {
            return fallback;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"TeamsApp:{key} '{value}' must be an absolute https URL.");
        }

        return value;
    }

    [GeneratedRegex(@"^\d{1,9}\.\d{1,9}\.\d{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex SemVer();
}
