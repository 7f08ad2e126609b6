using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace TeamsMeetBot.LoadDriver;

/// <summary>One Graph call seen by the tap, with driver-clock timestamps (arrival, answer).</summary>
internal sealed record GraphCall(string Method, string Path, int Status, long StartTimestamp, long EndTimestamp);

/// <summary>
/// A recording pass-through in front of the bot's simulated Graph (trace runs only): the bot is
/// started with <c>Graph:BaseUrl</c> pointing here, every call is forwarded unchanged to
/// <see cref="Target"/> and its start and end are recorded on the driver's clock, so the order of
/// remote calls of one command can be read from timestamps. Not used for the latency figures.
/// </summary>
internal sealed class GraphTap : IAsyncDisposable
{
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Content-Length" };

    private readonly LoopbackServer server;
    private readonly HttpClient forward = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly ConcurrentQueue<GraphCall> calls = new();

    private GraphTap(LoopbackServer server) => this.server = server;

    /// <summary>Where calls go, e.g. <c>http://127.0.0.1:port/_local/graph/v1.0</c>; set before the bot's first Graph call.</summary>
    public Uri? Target { get; set; }

    /// <summary>The base URL to configure as the bot's <c>Graph:BaseUrl</c>.</summary>
    public string BaseUrl => new Uri(server.BaseAddress, "v1.0").AbsoluteUri;

    public IReadOnlyList<GraphCall> Calls => [.. calls];

    public static async Task<GraphTap> StartAsync(CancellationToken cancellationToken)
    {
        GraphTap? tap = null;
        var server = await LoopbackServer.StartAsync(context => tap!.ForwardAsync(context), cancellationToken);
        tap = new GraphTap(server);
        return tap;
    }

    public void ClearCalls() => calls.Clear();

    public async ValueTask DisposeAsync()
    {
        forward.Dispose();
        await server.DisposeAsync();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        string path = context.Request.Path.Value ?? "";
        string relative = path.StartsWith("/v1.0", StringComparison.Ordinal) ? path["/v1.0".Length..] : path;
        var target = new Uri(Target!.AbsoluteUri.TrimEnd('/') + relative + context.Request.QueryString.Value);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0)
        {
            body.Position = 0;
            request.Content = new StreamContent(body);
        }

        foreach (var header in context.Request.Headers)
        {
            if (SkippedHeaders.Contains(header.Key))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                request.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }

        using var response = await forward.SendAsync(request, context.RequestAborted);
        byte[] answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        calls.Enqueue(new GraphCall(context.Request.Method, relative, (int)response.StatusCode, start, Stopwatch.GetTimestamp()));
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!SkippedHeaders.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }
}
