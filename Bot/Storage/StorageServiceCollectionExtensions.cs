using Azure.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Storage;

/// <summary>Registers the configured <see cref="IBotStore"/>, its startup preparation and the expiry cleanup.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>Storage:Provider</c> (<c>Sqlite</c> by default, or <c>AzureTables</c>) and registers
    /// <see cref="IBotStore"/> and <see cref="IBotStoreInitializer"/> (one singleton),
    /// <see cref="StorageInitializationService"/> and <see cref="StoreCleanupService"/>.
    /// </summary>
    /// <exception cref="ConfigurationException">The provider is unknown or its settings are incomplete.</exception>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageOptions.SectionName);
        var storage = Bind(() => section.Get<StorageOptions>(), "Storage");
        if (storage.CleanupInterval <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"Storage:CleanupInterval '{storage.CleanupInterval}' must be positive, e.g. 00:10:00.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(storage));

        string provider = string.IsNullOrWhiteSpace(storage.Provider) ? StorageOptions.SqliteProvider : storage.Provider.Trim();
        if (string.Equals(provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = Bind(() => section.GetSection("Sqlite").Get<SqliteStoreOptions>(), "Storage:Sqlite");
            if (string.IsNullOrWhiteSpace(sqlite.Path))
            {
                throw new ConfigurationException($"Storage:Sqlite:Path is empty: set it to the database file, e.g. {SqliteStoreOptions.DefaultPath}.");
            }

            services.AddSingleton(Options.Create(sqlite));
            services.AddSingleton<SqliteBotStore>();
            services.AddSingleton<IBotStore>(sp => sp.GetRequiredService<SqliteBotStore>());
            services.AddSingleton<IBotStoreInitializer>(sp => sp.GetRequiredService<SqliteBotStore>());
        }
        else if (string.Equals(provider, StorageOptions.AzureTablesProvider, StringComparison.OrdinalIgnoreCase))
        {
            var azure = Bind(() => section.GetSection("AzureTables").Get<AzureTableStoreOptions>(), "Storage:AzureTables");
            if (string.IsNullOrWhiteSpace(azure.ConnectionString) && azure.Endpoint is null)
            {
                throw new ConfigurationException(
                    "Storage:Provider is AzureTables but neither Storage:AzureTables:ConnectionString nor Storage:AzureTables:Endpoint is set. " +
                    "Set Endpoint (https://<account>.table.core.windows.net, used with the managed identity) or a ConnectionString.");
            }

            if (azure.Endpoint is { IsAbsoluteUri: false })
            {
                throw new ConfigurationException($"Storage:AzureTables:Endpoint '{azure.Endpoint}' must be an absolute URL such as https://<account>.table.core.windows.net.");
            }

            azure.TablePrefix ??= AzureTableStoreOptions.DefaultTablePrefix;
            services.AddSingleton(Options.Create(azure));
            services.AddSingleton(sp => new AzureTableBotStore(
                AzureTableBotStore.CreateServiceClient(azure, string.IsNullOrWhiteSpace(azure.ConnectionString) ? sp.GetService<TokenCredential>() : null),
                azure,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<AzureTableBotStore>>()));
            services.AddSingleton<IBotStore>(sp => sp.GetRequiredService<AzureTableBotStore>());
            services.AddSingleton<IBotStoreInitializer>(sp => sp.GetRequiredService<AzureTableBotStore>());
        }
        else
        {
            throw new ConfigurationException($"Storage:Provider '{storage.Provider}' is not known: use {StorageOptions.SqliteProvider} (default, one instance) or {StorageOptions.AzureTablesProvider} (several instances).");
        }

        services.AddHostedService<StorageInitializationService>();
        services.AddHostedService<StoreCleanupService>();
        return services;
    }

    // The Get<T> calls stay at the call sites with concrete types, so the configuration binding generator covers them.
    private static T Bind<T>(Func<T?> read, string path) where T : new()
    {
        try
        {
            return read() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException($"The {path} settings cannot be read: {ex.Message}", ex);
        }
    }
}
