namespace TeamsMeetBot.Tests.Manifest;

/// <summary>Teams' icon rules as assertions, shared by the icon and package tests.</summary>
public static class IconAssert
{
    public static void AssertColourIcon(PngImage icon)
    {
        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.Pixels(), p => Assert.Equal(255, p.A));
        var colours = icon.Pixels().Select(p => (p.R, p.G, p.B)).Distinct().ToList();
        Assert.True(colours.Count >= 16, $"expected a full-colour icon, found {colours.Count} distinct colours");
        Assert.Contains(colours, c => c.R != c.G || c.G != c.B);
    }

    public static void AssertOutlineIcon(PngImage icon)
    {
        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.Equal(6, icon.ColorType);
        var pixels = icon.Pixels().ToList();
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
        for (int i = 0; i < 32; i++)
        {
            // A transparent frame: the glyph never touches the edge.
            Assert.Equal(0, icon.Pixel(i, 0).A);
            Assert.Equal(0, icon.Pixel(i, 31).A);
            Assert.Equal(0, icon.Pixel(0, i).A);
            Assert.Equal(0, icon.Pixel(31, i).A);
        }
    }
}
