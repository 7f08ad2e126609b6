using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Decides which serviceUrls the bot may call and which of them get its bearer token. The token
/// goes only to absolute <c>https</c> URLs on the default port whose host is on the allow-list
/// (<c>Connector:AllowedServiceHosts</c>). In local mode, loopback URLs (127.0.0.0/8, ::1,
/// localhost; http or https) are also allowed, without a token; in production mode the same holds
/// for loopback IP literals only, and only when <c>Connector:AllowLoopbackServiceUrls</c> is set
/// (load benchmarks). Everything else is refused before a request is built, so the token never
/// leaves for a foreign host.
/// </summary>
public class ServiceUrlPolicy
{
    private readonly BotRuntime runtime;
    private readonly IReadOnlyList<string> allowedHosts;
    private readonly bool allowLoopbackIpLiterals;

    // A decision depends only on the string and the configuration, and a bot sees a handful of serviceUrls (one per
    // region), each checked twice per turn (inbound, then before the reply); parsing a Uri each time showed in profiles.
    private readonly ConcurrentDictionary<string, ServiceUrlDecision> decisions = new(StringComparer.Ordinal);

    /// <summary>Upper bound of remembered decisions; the memo starts over when it is reached.</summary>
    internal const int MaxRememberedDecisions = 256;

    public ServiceUrlPolicy(BotRuntime runtime, IOptions<ConnectorOptions> options)
    {
        this.runtime = runtime;
        allowedHosts = options.Value.EffectiveAllowedServiceHosts
            .Select(h => h.Trim().TrimEnd('.').ToLowerInvariant())
            .ToArray();
        allowLoopbackIpLiterals = options.Value.AllowLoopbackServiceUrls;
    }

    public IReadOnlyList<string> AllowedHosts => allowedHosts;

    /// <summary>How many decisions are remembered (tests and diagnostics).</summary>
    internal int RememberedDecisionCount => decisions.Count;

    /// <summary>Evaluates a serviceUrl as given by an activity or a stored conversation reference.</summary>
    public virtual ServiceUrlDecision Evaluate(string? serviceUrl)
    {
        if (serviceUrl is not null && decisions.TryGetValue(serviceUrl, out var known))
        {
            return known;
        }

        if (string.IsNullOrWhiteSpace(serviceUrl) || !Uri.TryCreate(serviceUrl.Trim(), UriKind.Absolute, out var uri))
        {
            return ServiceUrlDecision.Refuse("the serviceUrl is not an absolute URL");
        }

        var decision = Evaluate(uri);
        if (decisions.Count >= MaxRememberedDecisions)
        {
            decisions.Clear();
        }

        decisions[serviceUrl] = decision;
        return decision;
    }

    /// <summary>Evaluates an absolute URL (a serviceUrl or a full request URL built from one).</summary>
    public virtual ServiceUrlDecision Evaluate(Uri uri) => Evaluate(uri, withBase: true);

    /// <summary>
    /// Evaluates the full URL of a request about to be sent: the same checks as <see cref="Evaluate(Uri)"/>, without
    /// the <see cref="ServiceUrlDecision.BaseUri"/> the sender has no use for (working it out cost every Connector call
    /// two strings and a parsed Uri).
    /// </summary>
    public virtual ServiceUrlDecision EvaluateRequest(Uri uri) => Evaluate(uri, withBase: false);

    private ServiceUrlDecision Evaluate(Uri uri, bool withBase)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return ServiceUrlDecision.Refuse("the serviceUrl is not an absolute URL");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return ServiceUrlDecision.Refuse("the serviceUrl carries user information");
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return ServiceUrlDecision.Refuse("the serviceUrl carries a fragment");
        }

        bool isHttps = string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        bool isHttp = string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);
        if ((runtime.IsLocalMode || (allowLoopbackIpLiterals && IsLoopbackIpLiteral(uri))) && uri.IsLoopback && (isHttp || isHttps))
        {
            return new ServiceUrlDecision(true, false, withBase ? BaseOf(uri) : null, null);
        }

        if (!isHttps)
        {
            return ServiceUrlDecision.Refuse("the serviceUrl is not https");
        }

        if (!uri.IsDefaultPort)
        {
            return ServiceUrlDecision.Refuse("the serviceUrl uses a non-default port");
        }

        if (!IsAllowedHost(uri.IdnHost))
        {
            return ServiceUrlDecision.Refuse($"the host '{uri.IdnHost}' is not in Connector:AllowedServiceHosts");
        }

        return new ServiceUrlDecision(true, true, withBase ? BaseOf(uri) : null, null);
    }

    private static bool IsLoopbackIpLiteral(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && System.Net.IPAddress.TryParse(uri.IdnHost, out var address)
        && System.Net.IPAddress.IsLoopback(address);

    private bool IsAllowedHost(string host)
    {
        string normalized = host.TrimEnd('.').ToLowerInvariant();
        foreach (string allowed in allowedHosts)
        {
            if (allowed.StartsWith("*.", StringComparison.Ordinal))
            {
                string suffix = allowed[1..];
                if (normalized.Length > suffix.Length && normalized.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (string.Equals(normalized, allowed, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Scheme, authority and path (no query), with exactly one trailing '/'.</summary>
    private static Uri BaseOf(Uri uri)
    {
        string path = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(path + "/", UriKind.Absolute);
    }
}
