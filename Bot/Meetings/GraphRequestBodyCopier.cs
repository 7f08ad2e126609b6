namespace TeamsMeetBot.Meetings;

/// <summary>
/// Outermost handler of the Graph HTTP pipeline. The Graph SDK (Kiota) serializes every request body into a
/// pooled stream: one 128 KB block from a process-wide pool that keeps every block ever returned to it. The block
/// stays rented until the response arrives, so the largest number of Graph calls ever in flight at once became a
/// permanent cost (200 concurrent meeting commands kept 26 MB). This handler copies the body (a few hundred bytes)
/// into an exact-size array before the request is sent and returns the pooled stream at once, so the pool holds a
/// block or two. The copy is re-readable, which the SDK's retry handler needs anyway.
/// </summary>
public sealed class GraphRequestBodyCopier : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is StreamContent pooled)
        {
            byte[] body = await ReadBodyAsync(pooled, cancellationToken);
            var copy = new ByteArrayContent(body);
            foreach (var header in pooled.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = copy;
            pooled.Dispose();
        }

        return await base.SendAsync(request, cancellationToken);
    }

    // The SDK's bodies are seekable streams of known length: read straight into an array of that size (buffering the
    // content first would copy the body twice more).
    private static async Task<byte[]> ReadBodyAsync(StreamContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken);
        long remaining = stream.CanSeek ? stream.Length - stream.Position : -1;
        if (remaining < 0 || remaining > Array.MaxLength)
        {
            return await content.ReadAsByteArrayAsync(cancellationToken);
        }

        var body = new byte[remaining];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }
}
