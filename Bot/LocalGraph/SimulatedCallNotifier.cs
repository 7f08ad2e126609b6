using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Posts the simulated Graph's call notifications to the call's callback URL the way Graph does: a
/// <c>commsNotifications</c> envelope, <c>Authorization: Bearer</c> with a token signed by <see cref="LocalGraphSigningKey"/>
/// (aud = the bot's app id, tid = the call's tenant). Sends run in the background (never inside the request that caused
/// them), in order per call, after an optional delay on the injected clock; each is recorded as a <c>NOTIFY</c> entry.
/// </summary>
public sealed class SimulatedCallNotifier : IDisposable
{
    public const string HttpClientName = "TeamsMeetBot.LocalGraph.Notifications";

    private readonly IHttpClientFactory _httpClients;
    private readonly LocalGraphSigningKey _key;
    private readonly LocalGraphRecorder _recorder;
    private readonly LocalGraphBehavior _behavior;
    private readonly TimeProvider _time;
    private readonly ILogger<SimulatedCallNotifier> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public SimulatedCallNotifier(IHttpClientFactory httpClients, LocalGraphSigningKey key, LocalGraphRecorder recorder, LocalGraphBehavior behavior, TimeProvider time, ILogger<SimulatedCallNotifier> logger)
    {
        _httpClients = httpClients;
        _key = key;
        _recorder = recorder;
        _behavior = behavior;
        _time = time;
        _logger = logger;
    }

    /// <summary>After <paramref name="delay"/>: runs <paramref name="produce"/> (under the call's send order) and posts what it returns, one envelope each.</summary>
    public void Send(SimulatedCall call, TimeSpan delay, Func<IReadOnlyList<JsonObject>> produce)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(produce);
        var token = _stopping.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, token);
                }

                await call.SendOrder.WaitAsync(token);
                try
                {
                    foreach (var notification in produce())
                    {
                        await PostAsync(call, notification, token);
                    }
                }
                finally
                {
                    call.SendOrder.Release();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                LocalGraphLog.NotificationFailed(_logger, call.Id, ex);
            }
        }, CancellationToken.None);
    }

    /// <summary>The envelope around one commsNotification.</summary>
    public static JsonObject Envelope(SimulatedCall call, string changeType, string resourceUrl, JsonNode resourceData) => new()
    {
        ["@odata.type"] = "#microsoft.graph.commsNotifications",
        ["value"] = new JsonArray(new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.commsNotification",
            ["changeType"] = changeType,
            ["resourceUrl"] = resourceUrl,
            ["callbackUri"] = call.CallbackUri.ToString(),
            ["resourceData"] = resourceData,
        }),
    };

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task PostAsync(SimulatedCall call, JsonObject envelope, CancellationToken cancellationToken)
    {
        string json = envelope.ToJsonString();
        if (_behavior.RecordsRequests)
        {
            _recorder.Record("NOTIFY", call.CallbackUri.ToString(), "", json);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, call.CallbackUri)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key.IssueToken(LocalGraphSigningKey.Issuer, call.BotAppId, call.TenantId, _time.GetUtcNow()));
        using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        LocalGraphLog.NotificationSent(_logger, call.Id, (int)response.StatusCode);
    }
}
