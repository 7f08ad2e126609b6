namespace TeamsMeetBot.Tools.PackageApp;

/// <summary>Locates the clone (the folder holding TeamsMeetBot.sln) from the working directory or the binaries.</summary>
internal static class RepositoryRoot
{
    /// <summary>The bot's UserSecretsId (Bot/Bot.csproj), so a developer's secret MicrosoftAppId is picked up too.</summary>
    public const string BotUserSecretsId = "teamsmeetbot-7f3c2a1e";

    public static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TeamsMeetBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
