using Microsoft.Extensions.Configuration;
using TeamsMeetBot.Tools.PackageApp;

// Builds the Teams app package: manifest/manifest.json filled from configuration, plus the icons,
// zipped into manifest/build/appPackage.zip. Configuration, lowest priority first: the repository's
// appsettings.json, the bot's user secrets, environment variables, then the command line.
//   scripts/package-app.sh --app-id <GUID> --bot-domain <host> [--version 1.0.1] [--output <zip>]
string repositoryRoot = RepositoryRoot.Find();
var switches = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--app-id"] = "MicrosoftAppId",
    ["--bot-domain"] = "TeamsApp:BotDomain",
    ["--teams-app-id"] = "TeamsApp:Id",
    ["--version"] = "TeamsApp:Version",
    ["--short-name"] = "TeamsApp:ShortName",
    ["--output"] = "TeamsApp:Output",
    ["--manifest-dir"] = "TeamsApp:ManifestDirectory",
};

if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine("Usage: scripts/package-app.sh [--app-id <GUID>] [--bot-domain <host>] [--teams-app-id <GUID>] [--version <x.y.z>] [--short-name <name>] [--output <zip>]");
    Console.WriteLine("Each value can also come from configuration: MicrosoftAppId, TeamsApp:BotDomain (or Calls:PublicBaseUrl), TeamsApp:Id, TeamsApp:Version,");
    Console.WriteLine("TeamsApp:ShortName, TeamsApp:FullName, TeamsApp:DeveloperName, TeamsApp:WebsiteUrl, TeamsApp:PrivacyUrl, TeamsApp:TermsOfUseUrl");
    Console.WriteLine("(appsettings.json, the bot's user secrets, or environment variables such as TeamsApp__BotDomain).");
    return 0;
}

IConfiguration configuration;
try
{
    configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(repositoryRoot, "appsettings.json"), optional: true)
        .AddUserSecrets(RepositoryRoot.BotUserSecretsId)
        .AddEnvironmentVariables()
        .AddCommandLine(args, switches)
        .Build();
}
catch (FormatException ex)
{
    Console.Error.WriteLine("Could not read the arguments: " + ex.Message);
    return 2;
}

var settings = AppPackageSettings.TryRead(configuration, out var problems);
if (settings is null)
{
    Console.Error.WriteLine("The app package was not built:");
    foreach (string problem in problems)
    {
        Console.Error.WriteLine(" - " + problem);
    }

    return 2;
}

string manifestDirectory = Path.GetFullPath(configuration["TeamsApp:ManifestDirectory"] ?? Path.Combine(repositoryRoot, "manifest"));
string output = Path.GetFullPath(configuration["TeamsApp:Output"] ?? Path.Combine(manifestDirectory, "build", "appPackage.zip"));
try
{
    AppPackageBuilder.Build(manifestDirectory, settings, output);
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine("The app package was not built: " + ex.Message);
    return 1;
}

Console.WriteLine($"Built {output}");
Console.WriteLine($"  bot id {settings.MicrosoftAppId}, Teams app id {settings.TeamsAppId}, domain {settings.BotDomain}, version {settings.Version}");
Console.WriteLine("Upload it in the Teams admin center (Teams apps > Manage apps > Upload new app) or in Teams (Apps > Manage your apps > Upload an app).");
return 0;
