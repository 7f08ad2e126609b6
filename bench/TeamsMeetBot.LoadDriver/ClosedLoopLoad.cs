using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace TeamsMeetBot.LoadDriver;

/// <summary>
/// Outcome of closed-loop load on one server: requests answered 2xx in the measured time, failures, latencies
/// (Stopwatch ticks), and the requests answered in the warm-ups too. One run, or several windows combined.
/// </summary>
internal sealed record LoadResult(int Connections, double Seconds, long Succeeded, long Failed, IReadOnlyList<long> LatencyTicks, long SucceededIncludingWarmUp)
{
    private LatencySummary? _latency;

    public double RequestsPerSecond => Succeeded / Seconds;

    public LatencySummary Latency => _latency ??= LatencySummary.FromTimestampDeltas([.. LatencyTicks]);

    /// <summary>Windows measured one after another on the same server, as one result.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> windows) => new(
        windows[0].Connections,
        windows.Sum(w => w.Seconds),
        windows.Sum(w => w.Succeeded),
        windows.Sum(w => w.Failed),
        [.. windows.SelectMany(w => w.LatencyTicks)],
        windows.Sum(w => w.SucceededIncludingWarmUp));
}

/// <summary>
/// N workers, each on its own keep-alive connection, send POSTs back to back (closed loop) for a
/// warm-up and then a measured window; every request is built fresh (unique ids). Latency is
/// request start to full response, for requests that started and ended inside the window.
/// </summary>
internal static class ClosedLoopLoad
{
    /// <param name="buildBody">(worker, sequence) → the JSON body of that request.</param>
    public static async Task<LoadResult> RunAsync(
        Uri url, int connections, TimeSpan warmUp, TimeSpan measured, Func<int, long, string> buildBody, string? authorization, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var mediaType = new MediaTypeHeaderValue("application/json");
        long measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        long measureTo = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new List<long>[connections];
        long succeeded = 0;
        long failed = 0;
        long succeededIncludingWarmUp = 0;

        async Task WorkerAsync(int worker)
        {
            var latencies = perWorker[worker] = new List<long>(4096);
            long sequence = 0;
            while (Stopwatch.GetTimestamp() < measureTo && !cancellationToken.IsCancellationRequested)
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(buildBody(worker, sequence++)));
                content.Headers.ContentType = mediaType;
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                if (authorization is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                long start = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    ok = false;
                }

                long end = Stopwatch.GetTimestamp();
                if (ok)
                {
                    Interlocked.Increment(ref succeededIncludingWarmUp);
                }

                if (start >= measureFrom && end <= measureTo)
                {
                    if (ok)
                    {
                        latencies.Add(end - start);
                        Interlocked.Increment(ref succeeded);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(() => WorkerAsync(w), cancellationToken)));
        var all = perWorker.SelectMany(l => l).ToList();
        return new LoadResult(connections, measured.TotalSeconds, succeeded, failed, all, succeededIncludingWarmUp);
    }
}
