using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>
/// The Bot Connector channel signing keys: OpenID metadata → <c>jwks_uri</c> → jwks, parsed once per
/// download into <see cref="SigningKeySet"/> snapshots (kid → key + endorsements).
/// <para>
/// Refresh policy (refresh-on-read, no background timer; all time from the injected
/// <see cref="TimeProvider"/>):
/// <list type="bullet">
/// <item>Nothing loaded yet: the first request downloads and waits for it. While no download ever
/// succeeded, attempts are at least <see cref="BotAuthenticationOptions.InitialLoadRetryInterval"/>
/// apart and every request is rejected (fail closed).</item>
/// <item>Keys older than <see cref="BotAuthenticationOptions.KeyRefreshInterval"/>: the next request
/// starts a download in the background and keeps validating with the current keys.</item>
/// <item>Unknown kid: one forced download, unless any download started less than
/// <see cref="BotAuthenticationOptions.MinimumForcedRefreshInterval"/> ago; the request waits for it
/// and looks the kid up again.</item>
/// <item>At most one download runs at a time; every caller that needs one while it runs shares it.</item>
/// <item>A failed download keeps the last good keys.</item>
/// </list>
/// </para>
/// </summary>
public sealed class SigningKeyCache : IDisposable
{
    /// <summary>Name of the <see cref="HttpClient"/> registered for metadata and jwks downloads.</summary>
    public const string HttpClientName = "TeamsMeetBot.BotConnectorSigningKeys";

    /// <summary>Largest metadata or jwks document accepted (the real ones are a few KB).</summary>
    public const int MaximumDocumentBytes = 1024 * 1024;

    private const int MinimumRsaKeyBits = 2048;
    private const string KeptOldKeys = "the previous signing keys stay in use.";
    private const string NoKeysYet = "no signing keys are loaded, inbound requests are rejected.";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyCache> _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();

    private SigningKeySet? _current;
    private Task<bool>? _downloadInFlight;
    private DateTimeOffset? _lastDownloadStarted;

    public SigningKeyCache(
        IHttpClientFactory httpClientFactory,
        IOptions<BotAuthenticationOptions> options,
        TimeProvider timeProvider,
        ILogger<SigningKeyCache> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>The keys currently in use, or null when no download has succeeded yet.</summary>
    public SigningKeySet? Current => Volatile.Read(ref _current);

    /// <summary>
    /// Finds the key with this kid, downloading the keys first if none are loaded, or once more if the
    /// kid is unknown and the rate limit allows it. Completes synchronously on a warm cache. Only
    /// <paramref name="cancellationToken"/> makes it throw; a cancelled caller does not cancel a
    /// download other callers share.
    /// </summary>
    public ValueTask<SigningKeyLookup> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var set = Current;
        if (set is null)
        {
            return FindAfterInitialLoadAsync(keyId, cancellationToken);
        }

        var now = _time.GetUtcNow();
        if (now - set.LoadedAt >= _options.KeyRefreshInterval)
        {
            StartScheduledRefresh(now);
        }

        if (set.TryGetKey(keyId, out var key))
        {
            return ValueTask.FromResult(SigningKeyLookup.Found(key));
        }

        return FindAfterForcedRefreshAsync(keyId, now, cancellationToken);
    }

    /// <summary>
    /// Downloads the keys now, whatever the schedule (joins a download already running). Returns true
    /// when the download succeeded and its keys are in use. Meant for tests (the host's start uses <see cref="WarmUpAsync"/>).
    /// </summary>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken) => StartDownloadNow().WaitAsync(cancellationToken);

    /// <summary>
    /// Starts the first download in the background (see <see cref="SigningKeyWarmUp"/>), so the first message after a
    /// start does not wait for the keys. A warm-up that fails does not count against
    /// <see cref="BotAuthenticationOptions.InitialLoadRetryInterval"/>: the first message tries again at once.
    /// </summary>
    public Task<bool> WarmUpAsync() => ForgetFailedWarmUpAsync(StartDownloadNow());

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    /// <summary>The running download, or a new one whatever the rate limit says.</summary>
    private Task<bool> StartDownloadNow()
    {
        lock (_gate)
        {
            return StartDownloadLocked(_time.GetUtcNow(), minimumGap: TimeSpan.Zero)!;
        }
    }

    private async Task<bool> ForgetFailedWarmUpAsync(Task<bool> download)
    {
        if (await download.ConfigureAwait(false))
        {
            return true;
        }

        lock (_gate)
        {
            if (_current is null && ReferenceEquals(_downloadInFlight, download))
            {
                _lastDownloadStarted = null;
            }
        }

        return false;
    }

    private async ValueTask<SigningKeyLookup> FindAfterInitialLoadAsync(string keyId, CancellationToken cancellationToken)
    {
        Task<bool>? download;
        lock (_gate)
        {
            download = _current is null ? StartDownloadLocked(_time.GetUtcNow(), _options.InitialLoadRetryInterval) : null;
        }

        if (download is not null && !await download.WaitAsync(cancellationToken) && Current is null)
        {
            // Logged by the callers that waited on a failed attempt, not by every rejected request.
            AuthenticationLog.NoKeysLoaded(_logger, _options.OpenIdMetadataUrl);
        }

        var set = Current;
        if (set is null)
        {
            return SigningKeyLookup.NoKeysLoaded;
        }

        // The keys were just downloaded: an unknown kid now is not worth a second download.
        return set.TryGetKey(keyId, out var key) ? SigningKeyLookup.Found(key) : SigningKeyLookup.UnknownKeyId;
    }

    private async ValueTask<SigningKeyLookup> FindAfterForcedRefreshAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Task<bool>? download;
        bool joined;
        lock (_gate)
        {
            joined = _downloadInFlight is { IsCompleted: false };
            download = StartDownloadLocked(now, _options.MinimumForcedRefreshInterval);
        }

        if (download is null)
        {
            AuthenticationLog.ForcedRefreshRateLimited(_logger, keyId, _options.MinimumForcedRefreshInterval);
        }
        else
        {
            if (!joined)
            {
                AuthenticationLog.ForcedRefreshStarted(_logger, keyId);
            }

            await download.WaitAsync(cancellationToken);
        }

        // A concurrent download may have finished between the first lookup and taking the lock.
        return Current is { } set && set.TryGetKey(keyId, out var key) ? SigningKeyLookup.Found(key) : SigningKeyLookup.UnknownKeyId;
    }

    private void StartScheduledRefresh(DateTimeOffset now)
    {
        lock (_gate)
        {
            // Fire and forget: the download logs its own failure and never faults.
            _ = StartDownloadLocked(now, _options.MinimumForcedRefreshInterval);
        }
    }

    /// <summary>
    /// Returns the running download, or starts one if the last one started at least
    /// <paramref name="minimumGap"/> ago; null when the rate limit says no. Caller holds <see cref="_gate"/>.
    /// </summary>
    private Task<bool>? StartDownloadLocked(DateTimeOffset now, TimeSpan minimumGap)
    {
        if (_downloadInFlight is { IsCompleted: false } running)
        {
            return running;
        }

        if (_lastDownloadStarted is { } last && now - last < minimumGap)
        {
            return null;
        }

        _lastDownloadStarted = now;
        _downloadInFlight = Task.Run(DownloadAsync);
        return _downloadInFlight;
    }

    /// <summary>One download of metadata and jwks. Never throws: failures are logged and keep the old keys.</summary>
    private async Task<bool> DownloadAsync()
    {
        string consequence = Current is null ? NoKeysYet : KeptOldKeys;
        try
        {
            var cancellationToken = _disposed.Token;
            var client = _httpClientFactory.CreateClient(HttpClientName);

            var metadata = await GetDocumentAsync(client, new Uri(_options.OpenIdMetadataUrl, UriKind.Absolute), SigningKeyJsonContext.Default.OpenIdMetadataDocument, cancellationToken);
            if (!TryGetJwksUri(metadata, out var jwksUri, out string? problem))
            {
                AuthenticationLog.KeyDocumentRejected(_logger, _options.OpenIdMetadataUrl, problem, consequence);
                return false;
            }

            var jwks = await GetDocumentAsync(client, jwksUri, SigningKeyJsonContext.Default.JsonWebKeySetDocument, cancellationToken);
            var keys = BuildKeys(jwks);
            if (keys.Count == 0)
            {
                AuthenticationLog.KeyDocumentRejected(_logger, _options.OpenIdMetadataUrl, "the jwks has no usable RSA signing key", consequence);
                return false;
            }

            Volatile.Write(ref _current, new SigningKeySet(keys.ToFrozenDictionary(StringComparer.Ordinal), _time.GetUtcNow()));
            AuthenticationLog.KeysLoaded(_logger, keys.Count, jwksUri.AbsoluteUri);
            return true;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        catch (Exception exception)
        {
            AuthenticationLog.KeyDownloadFailed(_logger, _options.OpenIdMetadataUrl, consequence, exception);
            return false;
        }
    }

    private static async Task<T> GetDocumentAsync<T>(HttpClient client, Uri uri, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await client.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken)
            ?? throw new JsonException($"The document at {uri.AbsoluteUri} is JSON null.");
    }

    private bool TryGetJwksUri(OpenIdMetadataDocument metadata, out Uri jwksUri, out string problem)
    {
        jwksUri = null!;
        if (!Uri.TryCreate(metadata.JwksUri, UriKind.Absolute, out var uri))
        {
            problem = "the metadata has no absolute jwks_uri";
            return false;
        }

        if (!BotAuthenticationOptionsValidator.IsAllowedKeySource(uri, _options.RequireHttpsMetadata))
        {
            problem = "the metadata's jwks_uri is not https (or, with RequireHttpsMetadata off, http on loopback)";
            return false;
        }

        jwksUri = uri;
        problem = "";
        return true;
    }

    private Dictionary<string, SigningKey> BuildKeys(JsonWebKeySetDocument jwks)
    {
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var entry in jwks.Keys ?? [])
        {
            if (entry is null || string.IsNullOrEmpty(entry.KeyId))
            {
                AuthenticationLog.KeyEntrySkipped(_logger, "(none)", "no kid");
                continue;
            }

            string keyId = entry.KeyId;
            if (keys.ContainsKey(keyId))
            {
                AuthenticationLog.KeyEntrySkipped(_logger, keyId, "duplicate kid, the first entry is used");
                continue;
            }

            if (!string.Equals(entry.KeyType, "RSA", StringComparison.Ordinal))
            {
                AuthenticationLog.KeyEntrySkipped(_logger, keyId, "not an RSA key");
                continue;
            }

            if (entry.Use is not null && !string.Equals(entry.Use, "sig", StringComparison.Ordinal))
            {
                AuthenticationLog.KeyEntrySkipped(_logger, keyId, "not a signature key");
                continue;
            }

            var securityKey = CreateSecurityKey(entry, keyId, out string? problem);
            if (securityKey is null)
            {
                AuthenticationLog.KeyEntrySkipped(_logger, keyId, problem!);
                continue;
            }

            var endorsements = entry.Endorsements is null
                ? FrozenSet<string>.Empty
                : entry.Endorsements.Where(e => !string.IsNullOrEmpty(e)).ToFrozenSet(StringComparer.Ordinal);
            keys.Add(keyId, new SigningKey(keyId, securityKey, endorsements));
        }

        return keys;
    }

    /// <summary>RSA public key from <c>n</c>/<c>e</c>, else from the first <c>x5c</c> certificate; at least 2048 bits.</summary>
    private static SecurityKey? CreateSecurityKey(JsonWebKeyDocument entry, string keyId, out string? problem)
    {
        problem = null;
        try
        {
            if (!string.IsNullOrEmpty(entry.Modulus) && !string.IsNullOrEmpty(entry.Exponent))
            {
                var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters
                {
                    Modulus = Base64Url.DecodeFromChars(entry.Modulus),
                    Exponent = Base64Url.DecodeFromChars(entry.Exponent),
                });
                if (rsa.KeySize < MinimumRsaKeyBits)
                {
                    rsa.Dispose();
                    problem = "RSA modulus shorter than 2048 bits";
                    return null;
                }

                return new RsaSecurityKey(rsa) { KeyId = keyId };
            }

            if (entry.CertificateChain is [var leaf, ..] && !string.IsNullOrEmpty(leaf))
            {
                var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(leaf));
                using var publicKey = certificate.GetRSAPublicKey();
                if (publicKey is null || publicKey.KeySize < MinimumRsaKeyBits)
                {
                    certificate.Dispose();
                    problem = "x5c certificate has no RSA key of at least 2048 bits";
                    return null;
                }

                return new X509SecurityKey(certificate) { KeyId = keyId };
            }

            problem = "neither n/e nor x5c present";
            return null;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            problem = "key material could not be decoded";
            return null;
        }
    }
}
