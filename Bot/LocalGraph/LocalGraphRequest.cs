using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>What <see cref="LocalGraphRequestFilter"/> read from a request, handed to the endpoint handlers.</summary>
internal sealed class LocalGraphRequest
{
    public LocalGraphRequest(JsonNode? body, bool hasBody)
    {
        Body = body;
        HasBody = hasBody;
    }

    /// <summary>The parsed body (a private copy the handler may change), null when empty or not JSON.</summary>
    public JsonNode? Body { get; }

    /// <summary>Whether any bytes were sent.</summary>
    public bool HasBody { get; }

    public static LocalGraphRequest Of(HttpContext context) =>
        context.Features.Get<LocalGraphRequest>() ?? throw new InvalidOperationException("The simulated Graph's request filter did not run.");
}
