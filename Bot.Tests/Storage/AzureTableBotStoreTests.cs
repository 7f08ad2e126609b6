using Azure.Data.Tables;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>The store contract against Azure Table storage as emulated by Azurite; each test uses its own table prefix.</summary>
public sealed class AzureTableBotStoreTests : BotStoreContractTests, IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public AzureTableBotStoreTests(AzuriteFixture azurite) => _azurite = azurite;

    protected override IBotStore CreateStore(string scope, TimeProvider time) => _azurite.CreateStore(scope, time);

    [Fact]
    public async Task Start_creates_one_table_per_logical_table_with_the_prefix()
    {
        string prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        using var store = _azurite.CreateStore(prefix, Clock);

        await store.InitializeAsync(CancellationToken.None);

        var names = new List<string>();
        await foreach (var table in _azurite.CreateServiceClient().QueryAsync())
        {
            if (table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(table.Name);
            }
        }

        Assert.Equal(StoreTables.All.Select(store.TableNameOf).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal(prefix + "Idempotency", store.TableNameOf(StoreTables.Idempotency));
    }

    [Fact]
    public async Task A_large_value_is_split_over_Data_properties_with_escaped_keys()
    {
        string prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        using var store = _azurite.CreateStore(prefix, Clock);
        string payload = new('z', 100_000);
        await store.InsertAsync(StoreTables.Meetings, "19:a/b@thread.tacv2", "row#1", new TestRecord("big", 1, payload), StorageTestJsonContext.Default.TestRecord, Clock.GetUtcNow().AddDays(1), CancellationToken.None);

        var raw = _azurite.CreateServiceClient().GetTableClient(store.TableNameOf(StoreTables.Meetings));
        var entity = (await raw.GetEntityAsync<TableEntity>("19:a%2Fb@thread.tacv2", "row%231")).Value;

        Assert.Null(entity.GetString("Data"));
        Assert.Equal(4, entity.GetInt32("DataParts"));
        string joined = string.Concat(Enumerable.Range(0, 4).Select(i => entity.GetString($"Data{i}")));
        Assert.Contains(payload, joined, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 4), i => Assert.True(entity.GetString($"Data{i}")!.Length <= StoreLimits.ValuePartChars));
        Assert.Equal(Clock.GetUtcNow().AddDays(1), entity.GetDateTimeOffset("ExpiresAt"));
    }
}
