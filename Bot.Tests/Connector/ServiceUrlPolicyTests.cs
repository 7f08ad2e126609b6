using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Tests.Connector;

public sealed class ServiceUrlPolicyTests
{
    private static ServiceUrlPolicy Policy(bool localMode, string[]? allowedHosts = null) =>
        new(new BotRuntime(localMode, null, null), Options.Create(new ConnectorOptions { AllowedServiceHosts = allowedHosts }));

    /// <summary>serviceUrl, local mode, allowed, token attached.</summary>
    public static TheoryData<string, bool, bool, bool> Cases => new()
    {
        // Production: https + allow-listed host only, always with the token.
        { "https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/", false, true, true },
        { "https://smba.trafficmanager.net/teams/", false, true, true },
        { "https://SMBA.TrafficManager.NET/emea/", false, true, true },
        { "https://smba.infra.gcc.teams.microsoft.com/teams", false, true, true },
        { "https://smba.infra.gov.teams.microsoft.us/teams", false, true, true },
        { "https://smba.infra.dod.teams.microsoft.us/teams", false, true, true },
        { "http://smba.trafficmanager.net/amer/", false, false, false },
        { "https://smba.trafficmanager.net:8443/amer/", false, false, false },
        { "https://smba.trafficmanager.net.evil.example/amer/", false, false, false },
        { "https://evil-smba.trafficmanager.net/amer/", false, false, false },
        { "https://user:pw@smba.trafficmanager.net/amer/", false, false, false },
        { "https://smba.trafficmanager.net/amer/#frag", false, false, false },
        { "https://example.com/", false, false, false },
        { "http://127.0.0.1:3978/_connector", false, false, false },
        { "http://localhost:56150/_connector", false, false, false },
        { "ftp://smba.trafficmanager.net/", false, false, false },
        { "/v3/conversations", false, false, false },
        { "not a url", false, false, false },
        { "", false, false, false },
        // Local mode: loopback without a token; everything else still by the production rules.
        { "http://127.0.0.1:3978/_connector", true, true, false },
        { "http://127.8.9.10:3978/", true, true, false },
        { "https://localhost:56150/_connector", true, true, false },
        { "http://localhost:56150/_connector", true, true, false },
        { "http://[::1]:56150/_connector", true, true, false },
        { "http://10.0.0.5:3978/", true, false, false },
        { "http://example.com/", true, false, false },
        { "https://smba.trafficmanager.net/amer/", true, true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_whether_a_service_url_may_be_called_and_gets_the_token(string serviceUrl, bool localMode, bool allowed, bool token)
    {
        var decision = Policy(localMode).Evaluate(serviceUrl);

        Assert.Equal(allowed, decision.IsAllowed);
        Assert.Equal(token, decision.AttachToken);
        Assert.Equal(allowed, decision.BaseUri is not null);
        Assert.Equal(allowed, decision.RefusalReason is null);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_request_url_gets_the_same_decision_without_the_base(string serviceUrl, bool localMode, bool allowed, bool token)
    {
        if (!Uri.TryCreate(serviceUrl.TrimEnd('/') + "/v3/conversations/a%3A1/activities/x", UriKind.Absolute, out var requestUrl))
        {
            return;
        }

        var policy = Policy(localMode);
        var decision = policy.EvaluateRequest(requestUrl);

        Assert.Equal(policy.Evaluate(requestUrl) with { BaseUri = null }, decision);
        Assert.Equal(allowed, decision.IsAllowed);
        Assert.Equal(token, decision.AttachToken);
        Assert.Null(decision.BaseUri);
    }

    [Fact]
    public void Remembered_decisions_are_the_same_as_fresh_ones_and_the_memo_stays_bounded()
    {
        foreach (bool localMode in new[] { false, true })
        {
            var shared = Policy(localMode);
            foreach (var row in Cases.Where(c => (bool)c[1] == localMode))
            {
                string serviceUrl = (string)row[0];
                var fresh = Policy(localMode).Evaluate(serviceUrl);
                Assert.Equal(fresh, shared.Evaluate(serviceUrl));
                Assert.Equal(fresh, shared.Evaluate(serviceUrl));
            }
        }

        var policy = Policy(localMode: false);
        for (int i = 0; i < ServiceUrlPolicy.MaxRememberedDecisions * 3; i++)
        {
            Assert.False(policy.Evaluate($"https://evil{i}.example.com/").IsAllowed);
            Assert.InRange(policy.RememberedDecisionCount, 1, ServiceUrlPolicy.MaxRememberedDecisions);
        }

        Assert.True(policy.Evaluate("https://smba.trafficmanager.net/amer/").AttachToken);
    }

    [Fact]
    public void Configured_hosts_replace_the_defaults_and_support_wildcards()
    {
        var policy = Policy(localMode: false, ["connector.contoso.test", "*.botframework.com"]);

        Assert.True(policy.Evaluate("https://connector.contoso.test/x/").AttachToken);
        Assert.True(policy.Evaluate("https://europe.botframework.com/").AttachToken);
        Assert.False(policy.Evaluate("https://botframework.com/").IsAllowed);
        Assert.False(policy.Evaluate("https://smba.trafficmanager.net/amer/").IsAllowed);
    }

    [Fact]
    public void The_base_uri_ends_with_exactly_one_slash_and_drops_the_query()
    {
        var decision = Policy(localMode: false).Evaluate("https://smba.trafficmanager.net/amer/tenant//?x=1");

        Assert.Equal("https://smba.trafficmanager.net/amer/tenant/", decision.BaseUri!.AbsoluteUri);
    }
}

/// <summary><c>Connector:AllowLoopbackServiceUrls</c> (for benchmarks against a loopback fake Connector in production mode).</summary>
public sealed class LoopbackServiceUrlSettingTests
{
    private static ServiceUrlPolicy Policy(bool allowLoopback) =>
        new(new BotRuntime(false, "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b", "11111111-1111-1111-1111-111111111111"),
            Options.Create(new ConnectorOptions { AllowLoopbackServiceUrls = allowLoopback }));

    public static TheoryData<string, bool, bool, bool> Cases => new()
    {
        // serviceUrl, setting on, allowed, token attached
        { "http://127.0.0.1:39011/", false, false, false },
        { "http://[::1]:39011/", false, false, false },
        { "http://127.0.0.1:39011/", true, true, false },
        { "https://127.0.0.1:39011/", true, true, false },
        { "http://[::1]:39011/", true, true, false },
        { "http://localhost:39011/", true, false, false },
        { "http://10.0.0.5:39011/", true, false, false },
        { "https://example.com/", true, false, false },
        { "https://smba.trafficmanager.net/amer/", true, true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loopback_ip_literals_are_allowed_without_a_token_only_when_the_setting_is_on(string serviceUrl, bool settingOn, bool allowed, bool token)
    {
        var decision = Policy(settingOn).Evaluate(serviceUrl);
        Assert.Equal(allowed, decision.IsAllowed);
        Assert.Equal(token, decision.AttachToken);
    }
}
