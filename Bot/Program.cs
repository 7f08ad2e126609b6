using TeamsMeetBot.Hosting;

BotHostingExtensions.UsePollingSettingsWatcher();
var builder = WebApplication.CreateBuilder(args);
builder.AddTeamsMeetBot();

var app = builder.Build();
app.MapTeamsMeetBot();
app.Run();

/// <summary>Entry point, public so tests can host the bot with WebApplicationFactory.</summary>
public partial class Program;
