using TeamsMeetBot.Hosting;

BotHostingExtensions.UsePollingSettingsWatcher();
NativeHeap.ReturnLargeBlocksWhenFreed();
// The slim builder leaves out what a bot endpoint does not use (IIS integration, HTTP/3, hosting startup
// assemblies, the Debug and EventSource log providers): less to load and JIT at start. HTTPS endpoints from
// Kestrel settings keep working.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();
builder.AddTeamsMeetBot();

var app = builder.Build();
app.MapTeamsMeetBot();
app.Run();

/// <summary>Entry point, public so tests can host the bot with WebApplicationFactory.</summary>
public partial class Program;
