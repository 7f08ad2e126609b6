using System.Text.Json;
using TeamsMeetBot.BareEndpoint;

// The platform baseline: same host builder as the bot, one endpoint, deserialize and answer 200.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapPost("/api/messages", async (HttpContext http) =>
{
    BareActivity? activity;
    try
    {
        activity = await JsonSerializer.DeserializeAsync(http.Request.Body, BareJsonContext.Default.BareActivity, http.RequestAborted);
    }
    catch (JsonException)
    {
        return Results.BadRequest();
    }

    return string.IsNullOrEmpty(activity?.Type) ? Results.BadRequest() : Results.Ok();
});
app.Run();
