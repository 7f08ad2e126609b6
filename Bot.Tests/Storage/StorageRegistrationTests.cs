using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

public sealed class StorageRegistrationTests : IClassFixture<TempDirectoryFixture>
{
    private readonly TempDirectoryFixture _folder;

    public StorageRegistrationTests(TempDirectoryFixture folder) => _folder = folder;

    [Fact]
    public async Task Sqlite_is_the_default_and_is_prepared_by_the_startup_service()
    {
        string path = Path.Combine(_folder.Path, "di-" + Guid.NewGuid().ToString("N"), "bot.db");
        using var services = Build(new() { ["Storage:Sqlite:Path"] = path });

        var store = Assert.IsType<SqliteBotStore>(services.GetRequiredService<IBotStore>());
        Assert.Same(store, services.GetRequiredService<IBotStoreInitializer>());
        var hosted = services.GetServices<IHostedService>().ToList();
        Assert.IsType<StorageInitializationService>(hosted[0]);
        Assert.Contains(hosted, h => h is StoreCleanupService);

        await hosted[0].StartAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Azure_tables_with_a_connection_string_registers_the_Azure_store()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            ["Storage:AzureTables:TablePrefix"] = "Staging",
        });

        var store = Assert.IsType<AzureTableBotStore>(services.GetRequiredService<IBotStore>());
        Assert.Equal("StagingMeetings", store.TableNameOf(StoreTables.Meetings));
    }

    [Fact]
    public void Azure_tables_with_an_endpoint_uses_the_registered_credential()
    {
        using var services = Build(
            new() { ["Storage:Provider"] = "azuretables", ["Storage:AzureTables:Endpoint"] = "https://account.table.core.windows.net" },
            s => s.AddSingleton<TokenCredential, UnusedCredential>());

        var store = Assert.IsType<AzureTableBotStore>(services.GetRequiredService<IBotStore>());
        Assert.Equal("TeamsMeetBotIdempotency", store.TableNameOf(StoreTables.Idempotency));
    }

    [Fact]
    public void Azure_tables_with_an_endpoint_but_no_credential_fails_when_the_store_is_built()
    {
        using var services = Build(new() { ["Storage:Provider"] = "AzureTables", ["Storage:AzureTables:Endpoint"] = "https://account.table.core.windows.net" });

        var error = Assert.Throws<ConfigurationException>(() => services.GetRequiredService<IBotStore>());
        Assert.Contains("TokenCredential", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Dictionary<string, string?>, string> BadSettings => new()
    {
        { new() { ["Storage:Provider"] = "Cosmos" }, "Storage:Provider 'Cosmos' is not known" },
        { new() { ["Storage:Provider"] = "AzureTables" }, "Storage:AzureTables:Endpoint" },
        { new() { ["Storage:Provider"] = "AzureTables", ["Storage:AzureTables:Endpoint"] = "account.table.core.windows.net" }, "absolute URL" },
        { new() { ["Storage:Provider"] = "Sqlite", ["Storage:Sqlite:Path"] = " " }, "Storage:Sqlite:Path is empty" },
        { new() { ["Storage:CleanupInterval"] = "00:00:00" }, "Storage:CleanupInterval" },
        { new() { ["Storage:CleanupInterval"] = "ten minutes" }, "Storage settings cannot be read" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Unusable_settings_stop_registration_with_a_clear_message(Dictionary<string, string?> settings, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Build(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_prefix_Azure_cannot_use_is_refused()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            ["Storage:AzureTables:TablePrefix"] = "team-bot",
        });

        var error = Assert.Throws<ConfigurationException>(() => services.GetRequiredService<IBotStore>());
        Assert.Contains("TablePrefix", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        more?.Invoke(services);
        services.AddBotStorage(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class UnusedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
