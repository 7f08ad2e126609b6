using System.Net;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>
/// Primary handler that never opens a socket: records each request (with the Authorization header
/// and body as sent) and answers from <see cref="Responder"/> (default 200 <c>{"id":"1"}</c>).
/// Used for https hosts that a loopback Kestrel cannot serve.
/// </summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    private readonly object gate = new();
    private readonly List<CapturedRequest> captured = [];

    public Func<CapturedRequest, int, HttpResponseMessage> Responder { get; set; } =
        (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"1"}""") };

    public IReadOnlyList<CapturedRequest> Requests
    {
        get { lock (gate) { return captured.ToArray(); } }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var record = new CapturedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body);
        int index;
        lock (gate)
        {
            captured.Add(record);
            index = captured.Count - 1;
        }

        return Responder(record, index);
    }
}

public sealed record CapturedRequest(string Method, Uri Uri, string? Authorization, string? Body);
