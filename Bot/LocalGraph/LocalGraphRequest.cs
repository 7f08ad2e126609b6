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

    /// <summary>The body as a JSON object valid against <paramref name="definition"/> (enum spellings normalized), or the 400 to answer.</summary>
    public static IResult? ValidBody(HttpContext context, GraphSchemaValidator validator, TimeProvider time, string definition, out JsonObject body)
    {
        body = [];
        if (Of(context).Body is not JsonObject sent)
        {
            return GraphResponses.BadRequest(context, time, "Invalid request body: a JSON object is required.");
        }

        if (context.RequestServices.GetRequiredService<LocalGraphBehavior>().ValidatesRequestBodies)
        {
            if (validator.NormalizeAndValidate(sent, definition) is { } problem)
            {
                return GraphResponses.BadRequest(context, time, problem);
            }
        }
        else
        {
            validator.Normalize(sent, definition);
        }

        body = sent;
        return null;
    }
}
