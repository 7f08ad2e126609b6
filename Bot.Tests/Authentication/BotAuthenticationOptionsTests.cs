using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Authentication;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Tests.Authentication;

public sealed class BotAuthenticationOptionsTests
{
    [Fact]
    public void Defaults_are_the_public_cloud_channel_values()
    {
        var options = Resolve([]);

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.com", options.ValidIssuer);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.Equal(TimeSpan.FromHours(12), options.KeyRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MinimumForcedRefreshInterval);
        Assert.True(options.RequireHttpsMetadata);
    }

    [Fact]
    public void Section_BotAuthentication_is_bound()
    {
        var options = Resolve(new()
        {
            ["BotAuthentication:OpenIdMetadataUrl"] = "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
            ["BotAuthentication:ValidIssuer"] = "https://api.botframework.us",
            ["BotAuthentication:ClockSkew"] = "00:02:00",
            ["BotAuthentication:KeyRefreshInterval"] = "06:00:00",
            ["BotAuthentication:MinimumForcedRefreshInterval"] = "00:10:00",
        });

        Assert.Equal("https://login.botframework.azure.us/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.us", options.ValidIssuer);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
        Assert.Equal(TimeSpan.FromHours(6), options.KeyRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.MinimumForcedRefreshInterval);
    }

    public static TheoryData<string, string, string> UnsafeSettings => new()
    {
        { "OpenIdMetadataUrl", "http://login.botframework.com/v1/.well-known/openidconfiguration", "https" },
        { "OpenIdMetadataUrl", "not a url", "absolute URL" },
        { "OpenIdMetadataUrl", "ftp://login.botframework.com/v1/.well-known/openidconfiguration", "absolute URL" },
        { "ValidIssuer", " ", "ValidIssuer" },
        { "ClockSkew", "00:06:00", "ClockSkew" },
        { "ClockSkew", "-00:01:00", "ClockSkew" },
        { "KeyRefreshInterval", "00:00:00", "KeyRefreshInterval" },
        { "KeyRefreshInterval", "2.00:00:00", "KeyRefreshInterval" },
        { "MinimumForcedRefreshInterval", "00:00:00", "MinimumForcedRefreshInterval" },
    };

    [Theory]
    [MemberData(nameof(UnsafeSettings))]
    public void Unsafe_settings_fail_validation(string key, string value, string expectedInMessage)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["BotAuthentication:" + key] = value }));

        Assert.Contains(expectedInMessage, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_metadata_is_allowed_only_when_https_is_not_required()
    {
        var options = Resolve(new()
        {
            ["BotAuthentication:OpenIdMetadataUrl"] = "http://127.0.0.1:5000/v1/.well-known/openidconfiguration",
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
        });

        Assert.False(options.RequireHttpsMetadata);
    }

    [Fact]
    public void Http_metadata_on_a_network_host_is_refused_even_when_https_is_not_required()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["BotAuthentication:OpenIdMetadataUrl"] = "http://login.botframework.com/v1/.well-known/openidconfiguration",
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
        }));

        Assert.Contains("loopback", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_resolves_singletons()
    {
        using var services = Build([]);

        Assert.Same(services.GetRequiredService<ChannelTokenValidator>(), services.GetRequiredService<ChannelTokenValidator>());
        Assert.Same(services.GetRequiredService<SigningKeyCache>(), services.GetRequiredService<SigningKeyCache>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    private static BotAuthenticationOptions Resolve(Dictionary<string, string?> settings)
    {
        using var services = Build(settings);
        return services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new BotRuntime(isLocalMode: false, appId: ValidatorHarness.AppId, tenantId: null));
        services.AddChannelTokenValidation(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
