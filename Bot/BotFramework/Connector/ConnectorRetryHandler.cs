using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Retries Connector calls that Teams asks to retry: 429, 412, 502 and 504, plus transport failures
/// for idempotent methods (and for any method when the connection was never established). Waits
/// honour <c>Retry-After</c> (seconds or HTTP date) and otherwise back off exponentially with ±20%
/// jitter. Bounded by <see cref="ConnectorOptions.MaxRetries"/> and a total
/// <see cref="ConnectorOptions.RetryBudget"/>: a wait that would exceed the remaining budget gives up
/// at once with the last answer. 400, 403, 404, 413 and everything else are returned as they are.
/// </summary>
public sealed class ConnectorRetryHandler : DelegatingHandler
{
    private readonly ConnectorOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ConnectorRetryHandler> logger;

    public ConnectorRetryHandler(IOptions<ConnectorOptions> options, TimeProvider timeProvider, ILogger<ConnectorRetryHandler> logger)
    {
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public static bool IsRetryableStatus(HttpStatusCode status) => status is
        HttpStatusCode.TooManyRequests or
        HttpStatusCode.PreconditionFailed or
        HttpStatusCode.BadGateway or
        HttpStatusCode.GatewayTimeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        string host = request.RequestUri?.IdnHost ?? "";
        string method = request.Method.Method;
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (var timeout = new CancellationTokenSource(options.AttemptTimeout, timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    response = await base.SendAsync(request, linked.Token);
                }
                catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ex;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                {
                    failure = new TimeoutException($"The Bot Connector did not answer within {options.AttemptTimeout}.", ex);
                }
            }

            string status = response is not null ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "transport failure";
            bool retryable = response is not null ? IsRetryableStatus(response.StatusCode) : MayRetryTransportFailure(request.Method, failure!);
            if (!retryable)
            {
                return Finish(response, failure);
            }

            if (attempt >= options.MaxRetries)
            {
                ConnectorLog.RetryGivenUp(logger, method, host, status, $"{options.MaxRetries} retries used");
                return Finish(response, failure);
            }

            var retryAfter = response is not null ? RetryAfterOf(response) : null;
            var delay = retryAfter ?? BackoffFor(attempt);
            var remaining = options.RetryBudget - timeProvider.GetElapsedTime(started);
            if (delay > remaining)
            {
                ConnectorLog.RetryGivenUp(logger, method, host, status, retryAfter is not null ? "Retry-After exceeds the retry budget" : "the retry budget is used up");
                return Finish(response, failure);
            }

            ConnectorLog.RetryScheduled(logger, method, host, status, attempt + 1, (long)delay.TotalMilliseconds);
            response?.Dispose();
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    /// <summary>The wait Retry-After asks for (delta seconds or HTTP date), never negative; null when absent.</summary>
    public TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private TimeSpan BackoffFor(int attempt)
    {
        double exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        double capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);
        // ±20% jitter so instances throttled together do not retry together.
        double factor = 0.8 + (RandomNumberGenerator.GetInt32(0, 401) / 1000.0);
        return TimeSpan.FromMilliseconds(capped * factor);
    }

    private static bool MayRetryTransportFailure(HttpMethod method, Exception failure)
    {
        if (failure is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            // The request never reached the Connector, so even a POST cannot be duplicated.
            return true;
        }

        return method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head;
    }

    private static HttpResponseMessage Finish(HttpResponseMessage? response, Exception? failure)
    {
        if (response is not null)
        {
            return response;
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure!);
        return null!;
    }
}
