using Microsoft.Extensions.Options;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>Rejects configurations that would weaken or break token validation, at startup.</summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var problems = new List<string>();
        string section = BotAuthenticationOptions.SectionName;

        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out var metadataUrl)
            || (metadataUrl.Scheme != Uri.UriSchemeHttps && metadataUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{section}:OpenIdMetadataUrl must be an absolute URL (default https://login.botframework.com/v1/.well-known/openidconfiguration).");
        }
        else if (!IsAllowedKeySource(metadataUrl, options.RequireHttpsMetadata))
        {
            problems.Add(options.RequireHttpsMetadata
                ? $"{section}:OpenIdMetadataUrl must use https while {section}:RequireHttpsMetadata is true."
                : $"{section}:OpenIdMetadataUrl may use http only on a loopback address (tests), even with {section}:RequireHttpsMetadata false.");
        }

        if (string.IsNullOrWhiteSpace(options.ValidIssuer))
        {
            problems.Add($"{section}:ValidIssuer must not be empty (default https://api.botframework.com).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > BotAuthenticationOptions.MaximumClockSkew)
        {
            problems.Add($"{section}:ClockSkew must be between 00:00:00 and 00:05:00.");
        }

        if (options.KeyRefreshInterval <= TimeSpan.Zero || options.KeyRefreshInterval > TimeSpan.FromHours(24))
        {
            problems.Add($"{section}:KeyRefreshInterval must be positive and at most 24 hours (keys must be refreshed at least daily).");
        }

        if (options.MinimumForcedRefreshInterval <= TimeSpan.Zero)
        {
            problems.Add($"{section}:MinimumForcedRefreshInterval must be positive.");
        }

        if (options.InitialLoadRetryInterval <= TimeSpan.Zero)
        {
            problems.Add($"{section}:InitialLoadRetryInterval must be positive.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// https always; plain http only when https is not required and the host is loopback (a test key
    /// server), so turning the flag off by mistake cannot make production fetch keys over the network in clear.
    /// </summary>
    internal static bool IsAllowedKeySource(Uri uri, bool requireHttps) =>
        uri.Scheme == Uri.UriSchemeHttps || (!requireHttps && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
