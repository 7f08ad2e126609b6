namespace TeamsMeetBot.Tests.Manifest;

/// <summary>The committed icons meet Teams' rules: colour 192×192 full colour, outline 32×32 white on transparent.</summary>
public sealed class IconTests
{
    private static PngImage Load(string name) => PngImage.Decode(File.ReadAllBytes(RepositoryFiles.PathOf("manifest", name)));

    [Fact]
    public void The_colour_icon_is_192_square_opaque_and_in_colour()
    {
        IconAssert.AssertColourIcon(Load("color.png"));
    }

    [Fact]
    public void The_outline_icon_is_32_square_white_on_transparent()
    {
        IconAssert.AssertOutlineIcon(Load("outline.png"));
    }

    [Fact]
    public void The_icon_checks_can_fail()
    {
        var colour = Load("color.png");
        var outline = Load("outline.png");

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => IconAssert.AssertOutlineIcon(colour));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => IconAssert.AssertColourIcon(outline));
        Assert.Throws<InvalidDataException>(() => PngImage.Decode([.. File.ReadAllBytes(RepositoryFiles.PathOf("manifest", "color.png")).Select((b, i) => i == 45 ? (byte)(b ^ 0xFF) : b)]));
    }

    [Fact]
    public async Task The_generator_draws_the_committed_icons()
    {
        // The generator is deterministic: run into a scratch folder, it must reproduce the committed bytes.
        string scratch = Directory.CreateTempSubdirectory("teamsmeetbot-icons-").FullName;
        try
        {
            var run = await ScriptRun.RunAsync("dotnet", ["run", "--project", "manifest/IconGenerator", "--verbosity", "quiet", "--", scratch], null, TimeSpan.FromMinutes(5));

            Assert.True(run.ExitCode == 0, run.Describe());
            foreach (string name in new[] { "color.png", "outline.png" })
            {
                Assert.Equal(File.ReadAllBytes(RepositoryFiles.PathOf("manifest", name)), File.ReadAllBytes(Path.Combine(scratch, name)));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
