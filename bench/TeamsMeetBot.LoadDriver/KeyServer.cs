using System.Text;
using Microsoft.AspNetCore.Http;
using TeamsMeetBot.BenchShared;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Serves the OpenID metadata and the JWKS (one RSA key endorsed for msteams) on loopback, like login.botframework.com.</summary>
internal sealed class KeyServer : IAsyncDisposable
{
    private readonly LoopbackServer server;

    private KeyServer(LoopbackServer server, BenchChannelKey key)
    {
        this.server = server;
        Key = key;
    }

    public BenchChannelKey Key { get; }

    public string MetadataUrl => new Uri(server.BaseAddress, BenchChannelKey.MetadataPath.TrimStart('/')).AbsoluteUri;

    public static async Task<KeyServer> StartAsync(CancellationToken cancellationToken)
    {
        var key = new BenchChannelKey();
        string jwks = key.JwksJson();
        string? metadata = null;
        var server = await LoopbackServer.StartAsync(async context =>
        {
            string? body = context.Request.Path.Value switch
            {
                BenchChannelKey.MetadataPath => metadata,
                BenchChannelKey.JwksPath => jwks,
                _ => null,
            };
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body), context.RequestAborted);
        }, cancellationToken);
        metadata = BenchChannelKey.MetadataJson(new Uri(server.BaseAddress, BenchChannelKey.JwksPath.TrimStart('/')).AbsoluteUri);
        return new KeyServer(server, key);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Key.Dispose();
    }
}
