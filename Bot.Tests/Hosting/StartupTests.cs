using TeamsMeetBot.Hosting;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Hosting;

public class StartupTests
{
    [Fact]
    public void Development_without_app_id_is_local_mode()
    {
        using var host = new BotHost();
        var runtime = host.Service<BotRuntime>();
        Assert.True(runtime.IsLocalMode);
        Assert.Null(runtime.AppId);
    }

    [Fact]
    public void Configured_app_id_turns_local_mode_off_even_in_development()
    {
        using var host = new BotHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b",
            ["MicrosoftAppTenantId"] = "11111111-1111-1111-1111-111111111111",
            ["MicrosoftAppPassword"] = "test-secret-value",
        });
        var runtime = host.Service<BotRuntime>();
        Assert.False(runtime.IsLocalMode);
        Assert.Equal("6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b", runtime.AppId);
    }

    [Fact]
    public void Production_without_app_id_refuses_to_start_with_a_clear_message()
    {
        using var host = new BotHost(environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => host.Service<BotRuntime>());
        var configError = error as ConfigurationException ?? error.InnerException as ConfigurationException;
        Assert.NotNull(configError);
        Assert.Contains("MicrosoftAppId", configError.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string?, string?, string> IncompleteConfigurations => new()
    {
        { "SingleTenant", "not-a-guid", "11111111-1111-1111-1111-111111111111", "secret", "not a GUID" },
        { "SingleTenant", "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b", null, "secret", "MicrosoftAppTenantId" },
        { "SingleTenant", "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b", "11111111-1111-1111-1111-111111111111", null, "needs a credential" },
        { "UserAssignedMSI", "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b", "11111111-1111-1111-1111-111111111111", "secret", "remove MicrosoftAppPassword" },
        { "Federated", "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b", "11111111-1111-1111-1111-111111111111", "secret", "not known" },
    };

    [Theory]
    [MemberData(nameof(IncompleteConfigurations))]
    public void Each_missing_or_inconsistent_value_gets_its_own_message(string appType, string? appId, string? tenant, string? password, string expected)
    {
        var options = new BotCredentialsOptions { MicrosoftAppType = appType, MicrosoftAppId = appId, MicrosoftAppTenantId = tenant, MicrosoftAppPassword = password };
        Assert.Contains(options.Validate(), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_single_tenant_configuration_is_valid()
    {
        var options = new BotCredentialsOptions
        {
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppId = "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b",
            MicrosoftAppTenantId = "11111111-1111-1111-1111-111111111111",
            MicrosoftAppPassword = "secret",
        };
        Assert.Empty(options.Validate());
    }
}
