using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The Graph SDK's pooled request bodies are copied and given back before the request is sent.</summary>
public sealed class GraphRequestBodyCopierTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_streamed_body_is_sent_as_an_exact_copy_and_the_pooled_stream_is_released_first(bool seekable)
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"subject":"Failover review","externalId":"abc"}""");
        var pooled = new TrackedStream(json, seekable);
        var content = new StreamContent(pooled);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var inner = new RecordingHandler(() => pooled.Disposed);
        using var invoker = new HttpMessageInvoker(new GraphRequestBodyCopier { InnerHandler = inner });
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.microsoft.com/v1.0/users/u/onlineMeetings/createOrGet") { Content = content };

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(inner.PooledStreamWasDisposedBeforeSending);
        Assert.IsType<ByteArrayContent>(inner.Content);
        Assert.Equal(json, inner.Body);
        Assert.Equal("application/json; charset=utf-8", inner.ContentType);
        Assert.Equal(json.Length, inner.ContentLength);
    }

    [Fact]
    public async Task Requests_without_a_streamed_body_are_passed_on_untouched()
    {
        var inner = new RecordingHandler(() => false);
        using var invoker = new HttpMessageInvoker(new GraphRequestBodyCopier { InnerHandler = inner });
        var buffered = new ByteArrayContent([1, 2, 3]);
        using var withBytes = new HttpRequestMessage(HttpMethod.Patch, "https://graph.microsoft.com/v1.0/x") { Content = buffered };
        using var withoutBody = new HttpRequestMessage(HttpMethod.Delete, "https://graph.microsoft.com/v1.0/x");

        using (await invoker.SendAsync(withBytes, CancellationToken.None))
        {
            Assert.Same(buffered, inner.Content);
        }

        using (await invoker.SendAsync(withoutBody, CancellationToken.None))
        {
            Assert.Null(inner.Content);
        }
    }

    private sealed class TrackedStream(byte[] data, bool seekable) : MemoryStream(data)
    {
        public bool Disposed { get; private set; }

        public override bool CanSeek => seekable;

        public override long Length => seekable ? base.Length : throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class RecordingHandler(Func<bool> pooledDisposed) : HttpMessageHandler
    {
        public HttpContent? Content { get; private set; }

        public byte[]? Body { get; private set; }

        public string? ContentType { get; private set; }

        public long? ContentLength { get; private set; }

        public bool PooledStreamWasDisposedBeforeSending { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            PooledStreamWasDisposedBeforeSending = pooledDisposed();
            Content = request.Content;
            if (request.Content is { } content)
            {
                Body = await content.ReadAsByteArrayAsync(cancellationToken);
                ContentType = content.Headers.ContentType?.ToString();
                ContentLength = content.Headers.ContentLength;
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
