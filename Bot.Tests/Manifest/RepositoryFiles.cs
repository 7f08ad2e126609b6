namespace TeamsMeetBot.Tests.Manifest;

/// <summary>Files of this clone (the folder holding TeamsMeetBot.sln), found from the test binaries.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(Locate);

    public static string Root => RootDirectory.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamsMeetBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Could not find the repository root (TeamsMeetBot.sln) above {AppContext.BaseDirectory}. Run the tests from a clone.");
    }
}
