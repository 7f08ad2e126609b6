using System.Net;
using System.Text;

namespace TeamsMeetBot.Bench;

/// <summary>
/// Serves the OpenID metadata and JWKS from memory to the <see cref="BotFramework.Authentication.SigningKeyCache"/>'s
/// HttpClient, so the micro-benchmark needs no socket. Any other URL is 404.
/// </summary>
internal sealed class LocalKeyDocumentsHandler(Uri metadataUrl, string metadataJson, Uri jwksUrl, string jwksJson) : HttpMessageHandler
{
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        string? body = request.RequestUri == metadataUrl ? metadataJson : request.RequestUri == jwksUrl ? jwksJson : null;
        var response = body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return Task.FromResult(response);
    }
}
