using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Storage;

/// <summary>
/// The shared store for several instances: Azure Table storage or Azure Cosmos DB for Table through
/// Azure.Data.Tables. One Azure table per logical table (<c>prefix + PascalCase(table)</c>); keys are
/// escaped with <see cref="AzureTableKeyEncoding"/>; the JSON value lives in <c>Data</c>, or in
/// <c>Data0..DataN</c> (+ <c>DataParts</c>) when it is longer than one string property holds;
/// <c>ExpiresAt</c> holds the expiry. ETags are the service's. A table that vanished (an emulator
/// restarted, a table deleted by hand) is created again and the write retried once.
/// </summary>
public sealed class AzureTableBotStore : IBotStore, IBotStoreInitializer, IDisposable
{
    private const string DataProperty = "Data";
    private const string DataPartsProperty = "DataParts";
    private const string ExpiresAtProperty = "ExpiresAt";
    private const int MaxInsertAttempts = 4;
    private const int MaxDeleteAttempts = 4;
    private static readonly string[] ExpirySelection = [ExpiresAtProperty];
    private static readonly string[] PurgeSelection = ["PartitionKey", "RowKey", ExpiresAtProperty];

    private readonly TableServiceClient _service;
    private readonly string _tablePrefix;
    private readonly TimeProvider _time;
    private readonly ILogger<AzureTableBotStore> _logger;
    private readonly string _endpoint;
    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private volatile bool _initialized;

    public AzureTableBotStore(TableServiceClient service, AzureTableStoreOptions options, TimeProvider time, ILogger<AzureTableBotStore> logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _tablePrefix = ValidatePrefix(options.TablePrefix);
        _time = time;
        _logger = logger;
        _endpoint = service.Uri.GetLeftPart(UriPartial.Path);
    }

    /// <summary>A service client with the retry and timeout settings of <paramref name="options"/>.</summary>
    /// <exception cref="ConfigurationException">Neither a usable connection string nor an endpoint with a credential is configured.</exception>
    public static TableServiceClient CreateServiceClient(AzureTableStoreOptions options, TokenCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = Math.Max(0, options.MaxRetries);
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.RetryMaxDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                return new TableServiceClient(options.ConnectionString, clientOptions);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new ConfigurationException(
                    "Storage:AzureTables:ConnectionString is not a valid storage connection string (it needs at least AccountName and AccountKey, or TableEndpoint and a SharedAccessSignature).", ex);
            }
        }

        if (options.Endpoint is null)
        {
            throw new ConfigurationException(
                "Storage:Provider is AzureTables but neither Storage:AzureTables:ConnectionString nor Storage:AzureTables:Endpoint is set. " +
                "Set Endpoint (https://<account>.table.core.windows.net, used with the managed identity) or a ConnectionString.");
        }

        if (!options.Endpoint.IsAbsoluteUri)
        {
            throw new ConfigurationException($"Storage:AzureTables:Endpoint '{options.Endpoint}' must be an absolute URL such as https://<account>.table.core.windows.net.");
        }

        if (credential is null)
        {
            throw new ConfigurationException(
                "Storage:AzureTables:Endpoint is set but no Azure.Core.TokenCredential is registered for the managed identity; register one or use Storage:AzureTables:ConnectionString.");
        }

        return new TableServiceClient(options.Endpoint, credential, clientOptions);
    }

    /// <summary>The Azure table that holds <paramref name="table"/>: the prefix followed by the PascalCase of its letters and digits.</summary>
    public string TableNameOf(string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        var name = new StringBuilder(_tablePrefix, _tablePrefix.Length + table.Length);
        bool startOfWord = true;
        foreach (char c in table)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            name.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        if (name.Length == _tablePrefix.Length || name.Length > 63 || name.Length < 3 || !char.IsAsciiLetter(name[0]))
        {
            throw new ArgumentException($"The table '{table}' gives the Azure table name '{name}', which is not 3 to 63 letters and digits starting with a letter.", nameof(table));
        }

        return name.ToString();
    }

    /// <summary>Creates the tables of <see cref="StoreTables.All"/> when they are missing. Safe to call more than once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initializeGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            foreach (string table in StoreTables.All)
            {
                await CreateTableAsync(Table(table), cancellationToken);
            }

            StorageLog.AzureReady(_logger, _endpoint, _tablePrefix);
            _initialized = true;
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(ex, "preparing the tables");
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    public Task<StoredItem<T>?> GetAsync<T>(string table, string partitionKey, string rowKey, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        return RunAsync(table, "read", async client =>
        {
            TableEntity entity;
            try
            {
                entity = (await client.GetEntityAsync<TableEntity>(Encode(partitionKey), Encode(rowKey), cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }

            return IsLive(entity) ? ToItem(entity, type) : null;
        }, createMissingTable: false, cancellationToken);
    }

    public Task<StoredItem<T>> InsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var (entity, stored) = Prepare(table, partitionKey, rowKey, value, type, expiresAt);
        return RunAsync(table, "insert", async client =>
        {
            for (int attempt = 0; attempt < MaxInsertAttempts; attempt++)
            {
                try
                {
                    var added = await client.AddEntityAsync(entity, cancellationToken);
                    return stored with { ETag = ETagOf(added) };
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    // The key is taken. An expired item counts as absent: overwrite exactly that version.
                    var existing = await client.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ExpirySelection, cancellationToken);
                    if (!existing.HasValue)
                    {
                        continue;
                    }

                    if (IsLive(existing.Value!))
                    {
                        throw new StoreConflictException($"An item {table}/{partitionKey}/{rowKey} already exists.", ex);
                    }

                    try
                    {
                        var replaced = await client.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                        return stored with { ETag = ETagOf(replaced) };
                    }
                    catch (RequestFailedException race) when (race.Status is 404 or 412 && !IsTableNotFound(race))
                    {
                        // Purged or rewritten meanwhile: look again.
                    }
                }
            }

            throw new StoreConflictException($"An item {table}/{partitionKey}/{rowKey} kept changing while it was being inserted.");
        }, createMissingTable: true, cancellationToken);
    }

    public Task<StoredItem<T>> ReplaceAsync<T>(string table, string partitionKey, string rowKey, T value, string etag, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        var (entity, stored) = Prepare(table, partitionKey, rowKey, value, type, expiresAt);
        return RunAsync(table, "replace", async client =>
        {
            try
            {
                var replaced = await client.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
                return stored with { ETag = ETagOf(replaced) };
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404 && !IsTableNotFound(ex))
            {
                throw new StoreConflictException($"The item {table}/{partitionKey}/{rowKey} changed or no longer exists (ETag {etag} does not match).", ex);
            }
        }, createMissingTable: true, cancellationToken);
    }

    public Task<StoredItem<T>> UpsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var (entity, stored) = Prepare(table, partitionKey, rowKey, value, type, expiresAt);
        return RunAsync(table, "upsert", async client =>
        {
            var written = await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return stored with { ETag = ETagOf(written) };
        }, createMissingTable: true, cancellationToken);
    }

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        string pk = Encode(partitionKey);
        string rk = Encode(rowKey);
        return RunAsync(table, "delete", async client =>
        {
            // Read first: an expired item must report "did not exist", and a stale ETag a conflict.
            for (int attempt = 0; attempt < MaxDeleteAttempts; attempt++)
            {
                var existing = await client.GetEntityIfExistsAsync<TableEntity>(pk, rk, ExpirySelection, cancellationToken);
                if (!existing.HasValue)
                {
                    return false;
                }

                var current = existing.Value!;
                bool live = IsLive(current);
                if (live && etag is not null && current.ETag != new ETag(etag))
                {
                    throw new StoreConflictException($"The item {table}/{partitionKey}/{rowKey} changed (ETag {etag} does not match); it was not deleted.");
                }

                try
                {
                    await client.DeleteEntityAsync(pk, rk, current.ETag, cancellationToken);
                    return live;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    return false;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    if (etag is not null && live)
                    {
                        throw new StoreConflictException($"The item {table}/{partitionKey}/{rowKey} changed while it was being deleted.", ex);
                    }
                }
            }

            throw new StoreConflictException($"The item {table}/{partitionKey}/{rowKey} kept changing while it was being deleted.");
        }, createMissingTable: false, cancellationToken);
    }

    public async IAsyncEnumerable<StoredItem<T>> QueryPartitionAsync<T>(string table, string partitionKey, JsonTypeInfo<T> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(type);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Encode(partitionKey)}");

        // Buffered and sorted by the decoded row key: escaping changes the service's order, and
        // every store must return the same order.
        var items = await RunAsync(table, "query", async client =>
        {
            var found = new List<StoredItem<T>>();
            try
            {
                await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    if (IsLive(entity))
                    {
                        found.Add(ToItem(entity, type));
                    }
                }
            }
            catch (RequestFailedException ex) when (IsTableNotFound(ex))
            {
                return found;
            }

            found.Sort((a, b) => RowKeyOrder.Instance.Compare(a.RowKey, b.RowKey));
            return found;
        }, createMissingTable: false, cancellationToken);

        foreach (var item in items)
        {
            yield return item;
        }
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        // The property name must be literal text: an interpolated value would be quoted as a string constant.
        string filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
        int removed = 0;
        foreach (string table in StoreTables.All.Union(_tables.Keys, StringComparer.Ordinal).ToList())
        {
            removed += await RunAsync(table, "purge", async client =>
            {
                int count = 0;
                try
                {
                    await foreach (var entity in client.QueryAsync<TableEntity>(filter, select: PurgeSelection, cancellationToken: cancellationToken))
                    {
                        try
                        {
                            // With the ETag read, so an item re-inserted meanwhile survives.
                            await client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
                            count++;
                        }
                        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                        {
                        }
                    }
                }
                catch (RequestFailedException ex) when (IsTableNotFound(ex))
                {
                }

                return count;
            }, createMissingTable: false, cancellationToken);
        }

        return removed;
    }

    public void Dispose() => _initializeGate.Dispose();

    private async Task<TResult> RunAsync<TResult>(string table, string operation, Func<TableClient, Task<TResult>> action, bool createMissingTable, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var client = Table(table);
        try
        {
            try
            {
                return await action(client);
            }
            catch (RequestFailedException ex) when (createMissingTable && IsTableNotFound(ex))
            {
                StorageLog.AzureTableMissing(_logger, client.Name, _endpoint);
                await CreateTableAsync(client, cancellationToken);
                return await action(client);
            }
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(ex, $"{operation} in table {client.Name}");
        }
    }

    private async Task CreateTableAsync(TableClient client, CancellationToken cancellationToken)
    {
        var created = await client.CreateIfNotExistsAsync(cancellationToken);
        if (created?.GetRawResponse().Status == 201 || created?.GetRawResponse().Status == 204)
        {
            StorageLog.AzureTableCreated(_logger, client.Name, _endpoint);
        }
    }

    private TableClient Table(string table) => _tables.GetOrAdd(table, name => _service.GetTableClient(TableNameOf(name)));

    private static (TableEntity Entity, StoredItem<T> Stored) Prepare<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        ArgumentNullException.ThrowIfNull(type);
        string json = JsonSerializer.Serialize(value, type);
        StoreLimits.EnsureValueFits(table, partitionKey, rowKey, json);
        var expiry = expiresAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()) : (DateTimeOffset?)null;

        var entity = new TableEntity(Encode(partitionKey), Encode(rowKey));
        if (json.Length <= StoreLimits.ValuePartChars)
        {
            entity[DataProperty] = json;
        }
        else
        {
            int parts = 0;
            for (int start = 0; start < json.Length; parts++)
            {
                int length = Math.Min(StoreLimits.ValuePartChars, json.Length - start);
                if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
                {
                    length--; // never split a surrogate pair across two properties
                }

                entity[DataProperty + parts.ToString(System.Globalization.CultureInfo.InvariantCulture)] = json.Substring(start, length);
                start += length;
            }

            if (parts > StoreLimits.MaxValueParts)
            {
                throw new ArgumentException($"The value for {table}/{partitionKey}/{rowKey} needs {parts} properties; at most {StoreLimits.MaxValueParts} fit in an Azure table entity.", nameof(value));
            }

            entity[DataPartsProperty] = parts;
        }

        if (expiry is { } e)
        {
            entity[ExpiresAtProperty] = e;
        }

        return (entity, new StoredItem<T>(partitionKey, rowKey, value, "", expiry));
    }

    private bool IsLive(TableEntity entity) => ExpiryOf(entity) is not { } expiry || expiry > _time.GetUtcNow();

    private static DateTimeOffset? ExpiryOf(TableEntity entity) => entity.GetDateTimeOffset(ExpiresAtProperty);

    private static StoredItem<T> ToItem<T>(TableEntity entity, JsonTypeInfo<T> type)
    {
        string json = entity.GetString(DataProperty) ?? JoinParts(entity);
        var value = JsonSerializer.Deserialize(json, type) ?? throw new InvalidOperationException($"A stored value read as null for {type.Type.Name}.");
        return new StoredItem<T>(AzureTableKeyEncoding.Decode(entity.PartitionKey), AzureTableKeyEncoding.Decode(entity.RowKey), value, entity.ETag.ToString(), ExpiryOf(entity));
    }

    private static string JoinParts(TableEntity entity)
    {
        int parts = entity.GetInt32(DataPartsProperty)
            ?? throw new InvalidOperationException($"The entity {entity.PartitionKey}/{entity.RowKey} has neither {DataProperty} nor {DataPartsProperty}; it was not written by TeamsMeetBot.");
        var json = new StringBuilder(parts * StoreLimits.ValuePartChars);
        for (int i = 0; i < parts; i++)
        {
            json.Append(entity.GetString(DataProperty + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new InvalidOperationException($"The entity {entity.PartitionKey}/{entity.RowKey} is missing {DataProperty}{i}."));
        }

        return json.ToString();
    }

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service answered a write without an ETag.");

    private static string Encode(string key) => AzureTableKeyEncoding.Encode(key);

    private static bool IsTableNotFound(RequestFailedException ex) =>
        ex.Status == 404 && string.Equals(ex.ErrorCode, "TableNotFound", StringComparison.Ordinal);

    private static bool IsUnavailable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // a network timeout, not the caller
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => IsUnavailable(inner, cancellationToken)),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    private StoreUnavailableException Unavailable(Exception ex, string what)
    {
        string reason = ex switch
        {
            RequestFailedException { Status: > 0 } failed => $"it answered {failed.Status} {failed.ErrorCode}",
            OperationCanceledException => "the request timed out",
            _ => $"it could not be reached ({FirstMessage(ex)})",
        };
        return new StoreUnavailableException($"Azure Table storage at {_endpoint} is unavailable while {what}: {reason}. The operation can be retried.", ex);
    }

    private static string FirstMessage(Exception ex)
    {
        var innermost = ex is AggregateException aggregate && aggregate.InnerExceptions.Count > 0 ? aggregate.InnerExceptions[^1] : ex;
        while (innermost.InnerException is not null && innermost is RequestFailedException or HttpRequestException)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }

    private static string ValidatePrefix(string? prefix)
    {
        prefix ??= "";
        if (prefix.Length > 0 && (!char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ConfigurationException($"Storage:AzureTables:TablePrefix '{prefix}' must be letters and digits and start with a letter (Azure table names allow nothing else).");
        }

        if (prefix.Length > 40)
        {
            throw new ConfigurationException($"Storage:AzureTables:TablePrefix '{prefix}' is longer than 40 characters; table names are limited to 63.");
        }

        return prefix;
    }
}
