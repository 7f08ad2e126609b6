using TeamsMeetBot.BotFramework.Authentication;

namespace TeamsMeetBot.Tests.Authentication;

/// <summary>
/// Key rollover, rate-limited forced refresh, single-flight downloads, and fail-closed behaviour of
/// <see cref="SigningKeyCache"/>, observed through <see cref="ChannelTokenValidator"/> and the issuer's
/// request counters. Each test owns its issuer and cache.
/// </summary>
public sealed class SigningKeyRefreshTests
{
    private static readonly TimeSpan ForcedRefreshInterval = new BotAuthenticationOptions().MinimumForcedRefreshInterval;
    private static readonly TimeSpan KeyRefreshInterval = new BotAuthenticationOptions().KeyRefreshInterval;

    /// <summary>Only stops a broken test from hanging forever; nothing asserts on elapsed time.</summary>
    private static CancellationTokenSource HangGuard() => new(TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Unknown_kid_is_rejected_then_accepted_after_rotation_and_one_rate_limited_forced_refresh()
    {
        await using var h = await ValidatorHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);
        Assert.Equal(1, h.Issuer.JwksRequestCount);

        var rotated = h.Issuer.CreateKey("rotated-msteams-key", "msteams");

        // Unknown kid right after a download: rejected, and no second download inside the interval.
        var beforeRotation = await h.ValidateAsync(h.Header(rotated));
        Assert.Equal(TokenFailureReasons.UnknownKeyId, beforeRotation.FailureReason);
        Assert.Equal(1, h.Issuer.JwksRequestCount);

        // The key service now publishes the key, but the interval has not passed yet.
        h.Issuer.RotateTo(h.Issuer.DefaultKey, rotated);
        h.Time.Advance(ForcedRefreshInterval - TimeSpan.FromSeconds(1));
        var insideInterval = await h.ValidateAsync(h.Header(rotated));
        Assert.Equal(TokenFailureReasons.UnknownKeyId, insideInterval.FailureReason);
        Assert.Equal(1, h.Issuer.JwksRequestCount);

        // Past the interval: one forced refresh, then accepted.
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var afterRefresh = await h.ValidateAsync(h.Header(rotated));
        Assert.True(afterRefresh.Succeeded, afterRefresh.FailureReason);
        Assert.Equal(2, h.Issuer.JwksRequestCount);
        Assert.Equal(2, h.Issuer.MetadataRequestCount);

        // A second unknown kid inside the new interval does not download again.
        var stranger = h.Issuer.CreateKey("never-published", "msteams");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TokenFailureReasons.UnknownKeyId, (await h.ValidateAsync(h.Header(stranger))).FailureReason);
        Assert.Equal(2, h.Issuer.JwksRequestCount);

        // The limit is a rate, not a ban: after another interval an unknown kid downloads once more.
        h.Time.Advance(ForcedRefreshInterval);
        Assert.Equal(TokenFailureReasons.UnknownKeyId, (await h.ValidateAsync(h.Header(stranger))).FailureReason);
        Assert.Equal(3, h.Issuer.JwksRequestCount);

        // Known keys kept working throughout.
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);
        Assert.True((await h.ValidateAsync(h.Header(rotated))).Succeeded);
    }

    [Fact]
    public async Task Callers_that_arrive_while_a_forced_refresh_runs_share_it()
    {
        await using var h = await ValidatorHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);
        h.Time.Advance(ForcedRefreshInterval);
        var rotated = h.Issuer.CreateKey("rotated-msteams-key", "msteams");
        h.Issuer.AddKey(rotated);
        string header = h.Header(rotated);

        using var hangGuard = HangGuard();
        Task<TokenValidationOutcome>[] validations;
        using (h.Issuer.HoldJwksResponses())
        {
            // ValidateAsync runs synchronously up to the shared download, so each returned task has
            // already joined it (the download cannot finish while the jwks response is held).
            validations = [.. Enumerable.Range(0, 16).Select(_ => h.ValidateAsync(header))];
            Assert.All(validations, v => Assert.False(v.IsCompleted));
            await h.Issuer.WaitForJwksRequestsAsync(2, hangGuard.Token);
        }

        var outcomes = await Task.WhenAll(validations);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.FailureReason));
        Assert.Equal(2, h.Issuer.JwksRequestCount);
        Assert.Equal(2, h.Issuer.MetadataRequestCount);
    }

    [Fact]
    public async Task Parallel_validations_with_an_unknown_kid_cause_a_single_jwks_download()
    {
        await using var h = await ValidatorHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);
        h.Time.Advance(ForcedRefreshInterval);
        var rotated = h.Issuer.CreateKey("rotated-msteams-key", "msteams");
        h.Issuer.AddKey(rotated);
        string header = h.Header(rotated);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => h.ValidateAsync(header))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.FailureReason));
        Assert.Equal(2, h.Issuer.JwksRequestCount);
    }

    [Fact]
    public async Task Parallel_first_requests_share_the_initial_download()
    {
        await using var h = await ValidatorHarness.StartAsync();
        string header = h.Header();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => h.ValidateAsync(header))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.FailureReason));
        Assert.Equal(1, h.Issuer.MetadataRequestCount);
        Assert.Equal(1, h.Issuer.JwksRequestCount);
    }

    [Fact]
    public async Task The_warm_up_at_start_loads_the_keys_so_the_first_message_downloads_nothing()
    {
        await using var h = await ValidatorHarness.StartAsync();
        var warmUp = new SigningKeyWarmUp(h.Cache, new TeamsMeetBot.Hosting.BotRuntime(isLocalMode: false, appId: ValidatorHarness.AppId, tenantId: null));

        await warmUp.StartAsync(CancellationToken.None);
        using var guard = HangGuard();
        Assert.True(await h.Cache.WarmUpAsync().WaitAsync(guard.Token)); // joins the download the host start began
        var outcome = await h.ValidateAsync(h.Header());

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(1, h.Issuer.MetadataRequestCount);
        Assert.Equal(1, h.Issuer.JwksRequestCount);
    }

    [Fact]
    public async Task A_failed_warm_up_does_not_hold_back_the_first_message()
    {
        await using var h = await ValidatorHarness.StartAsync();
        h.Issuer.IsAvailable = false;

        Assert.False(await h.Cache.WarmUpAsync());
        h.Issuer.IsAvailable = true;
        var outcome = await h.ValidateAsync(h.Header()); // no time has passed: the retry interval does not apply

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(2, h.Issuer.MetadataRequestCount);
    }

    [Fact]
    public async Task Local_mode_downloads_no_keys_at_start()
    {
        await using var h = await ValidatorHarness.StartAsync(appId: null);
        var warmUp = new SigningKeyWarmUp(h.Cache, new TeamsMeetBot.Hosting.BotRuntime(isLocalMode: true, appId: null, tenantId: null));

        await warmUp.StartAsync(CancellationToken.None);
        await Task.Delay(200);

        Assert.Equal(0, h.Issuer.MetadataRequestCount);
        Assert.Null(h.Cache.Current);
    }

    [Fact]
    public async Task Key_service_down_after_first_load_keeps_the_old_keys()
    {
        await using var h = await ValidatorHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);
        h.Issuer.IsAvailable = false;

        // Stale keys: the request is still served from them while the background refresh fails.
        h.Time.Advance(KeyRefreshInterval + TimeSpan.FromMinutes(1));
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);

        // An explicit refresh fails too, and the old keys stay in use.
        Assert.False(await h.Cache.RefreshAsync(CancellationToken.None));
        Assert.NotNull(h.Cache.Current);
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);

        // An unknown kid is just unknown, not "no keys".
        h.Time.Advance(ForcedRefreshInterval);
        var stranger = h.Issuer.CreateKey("never-published", "msteams");
        Assert.Equal(TokenFailureReasons.UnknownKeyId, (await h.ValidateAsync(h.Header(stranger))).FailureReason);
        Assert.True((await h.ValidateAsync(h.Header())).Succeeded);

        Assert.Contains(h.Logs.Entries, e => e.EventId.Id == 3102);
        Assert.True(h.Issuer.MetadataRequestCount >= 3);
    }

    [Fact]
    public async Task Key_service_never_reached_rejects_everything_and_retries_at_a_limited_rate()
    {
        await using var h = await ValidatorHarness.StartAsync();
        h.Issuer.IsAvailable = false;

        Assert.Equal(TokenFailureReasons.NoSigningKeys, (await h.ValidateAsync(h.Header())).FailureReason);
        Assert.Null(h.Cache.Current);
        Assert.Equal(1, h.Issuer.MetadataRequestCount);

        // Within the retry interval no new download is attempted.
        Assert.Equal(TokenFailureReasons.NoSigningKeys, (await h.ValidateAsync(h.Header())).FailureReason);
        Assert.Equal(1, h.Issuer.MetadataRequestCount);
        Assert.Contains(h.Logs.Entries, e => e.EventId.Id == 3107);

        // The service comes back: the next attempt after the retry interval loads the keys.
        h.Issuer.IsAvailable = true;
        h.Time.Advance(new BotAuthenticationOptions().InitialLoadRetryInterval);
        var outcome = await h.ValidateAsync(h.Header());
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(2, h.Issuer.MetadataRequestCount);
    }

    [Fact]
    public async Task Stale_keys_are_replaced_by_a_background_refresh_and_removed_keys_stop_working()
    {
        await using var h = await ValidatorHarness.StartAsync();
        var oldKey = h.Issuer.DefaultKey;
        Assert.True((await h.ValidateAsync(h.Header(oldKey))).Succeeded);
        var firstSet = h.Cache.Current;

        var newKey = h.Issuer.CreateKey("next-msteams-key", "msteams");
        h.Issuer.RotateTo(newKey);

        // Not yet stale: no download.
        h.Time.Advance(KeyRefreshInterval - TimeSpan.FromMinutes(1));
        Assert.True((await h.ValidateAsync(h.Header(oldKey))).Succeeded);
        Assert.Equal(1, h.Issuer.JwksRequestCount);

        // Stale: this request still uses the old keys and starts the refresh in the background.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await h.ValidateAsync(h.Header(oldKey))).Succeeded);
        using var hangGuard = HangGuard();
        while (ReferenceEquals(h.Cache.Current, firstSet))
        {
            await Task.Delay(5, hangGuard.Token);
        }

        Assert.Equal(2, h.Issuer.JwksRequestCount);
        Assert.True((await h.ValidateAsync(h.Header(newKey))).Succeeded);
        Assert.Equal(TokenFailureReasons.UnknownKeyId, (await h.ValidateAsync(h.Header(oldKey))).FailureReason);
    }

    [Fact]
    public async Task Endorsements_are_read_per_key_from_the_jwks()
    {
        await using var h = await ValidatorHarness.StartAsync();
        var webChat = h.Issuer.CreateKey("webchat-key", "webchat", "directline");
        var bare = h.Issuer.CreateKey("no-endorsements-key");
        h.Issuer.AddKey(webChat);
        h.Issuer.AddKey(bare);

        Assert.True(await h.Cache.RefreshAsync(CancellationToken.None));
        var keys = h.Cache.Current!.Keys;

        Assert.Equal(["msteams"], keys[TestTokenIssuer.DefaultKeyId].Endorsements.Order(StringComparer.Ordinal));
        Assert.Equal(["directline", "webchat"], keys["webchat-key"].Endorsements.Order(StringComparer.Ordinal));
        Assert.Empty(keys["no-endorsements-key"].Endorsements);
        Assert.Equal(TokenFailureReasons.KeyNotEndorsedForChannel, (await h.ValidateAsync(h.Header(bare))).FailureReason);
    }

    [Fact]
    public async Task Without_an_app_id_every_token_is_rejected()
    {
        await using var h = await ValidatorHarness.StartAsync(appId: null);

        var outcome = await h.ValidateAsync(h.Header());

        Assert.Equal(TokenFailureReasons.NoAppId, outcome.FailureReason);
        Assert.Equal(0, h.Issuer.MetadataRequestCount);
    }
}
