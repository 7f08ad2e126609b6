using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Tests.Playground;

/// <summary>
/// The Playground's conversation stream (<c>ws://…/_ws_conversation/v1/conversations/stream</c>): every
/// message the UI would show or update, as <c>{action, actionConversationId, message}</c> frames.
/// Frames are kept in arrival order; <see cref="WaitForAsync"/> waits for one that matches.
/// </summary>
public sealed class ConversationStream : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonObject> _frames = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private Task? _reader;

    public IReadOnlyList<JsonObject> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    public static async Task<ConversationStream> OpenAsync(Uri playground)
    {
        var stream = new ConversationStream();
        var uri = new UriBuilder(playground) { Scheme = "ws", Path = "/_ws_conversation/v1/conversations/stream" }.Uri;
        await stream._socket.ConnectAsync(uri, CancellationToken.None);
        stream._reader = stream.ReadAsync();
        return stream;
    }

    /// <summary>The first frame (already received or arriving within 30 s) that matches; fails with every frame seen otherwise.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            var found = Frames.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No conversation frame for: {what}. Frames seen:\n" + string.Join('\n', Frames.Select(f => f.ToJsonString())));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var close = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", close.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        if (_reader is not null)
        {
            try
            {
                await _reader;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var received = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            if (JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)) is JsonObject frame)
            {
                lock (_frames)
                {
                    _frames.Add(frame);
                }

                _arrived.Release();
            }

            message.SetLength(0);
        }
    }
}
