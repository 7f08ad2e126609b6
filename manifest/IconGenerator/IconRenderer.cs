namespace TeamsMeetBot.Tools.IconGenerator;

/// <summary>Rasterizes the glyph into the two icons Teams needs.</summary>
internal static class IconRenderer
{
    // Teams' purple family: the accent colour of the manifest (#5B5FC7) sits in the middle of the gradient.
    private static readonly (byte R, byte G, byte B) Top = (0x7B, 0x83, 0xEB);
    private static readonly (byte R, byte G, byte B) Bottom = (0x44, 0x47, 0xA6);

    /// <summary>192×192, opaque: a vertical purple gradient with the glyph in white.</summary>
    public static byte[] Color(int size)
    {
        var rgba = new byte[size * size * 4];
        for (int y = 0; y < size; y++)
        {
            double t = y / (double)(size - 1);
            for (int x = 0; x < size; x++)
            {
                double coverage = Coverage(x, y, size, samples: 4, inset: 0);
                int i = ((y * size) + x) * 4;
                rgba[i] = Blend(Lerp(Top.R, Bottom.R, t), 255, coverage);
                rgba[i + 1] = Blend(Lerp(Top.G, Bottom.G, t), 255, coverage);
                rgba[i + 2] = Blend(Lerp(Top.B, Bottom.B, t), 255, coverage);
                rgba[i + 3] = 255;
            }
        }

        return rgba;
    }

    /// <summary>32×32: the glyph in pure white, everything else fully transparent (Teams' outline rule).</summary>
    public static byte[] Outline(int size)
    {
        var rgba = new byte[size * size * 4];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double coverage = Coverage(x, y, size, samples: 8, inset: 0.02);
                byte alpha = (byte)Math.Round(coverage * 255);
                if (alpha == 0)
                {
                    continue;
                }

                int i = ((y * size) + x) * 4;
                rgba[i] = 255;
                rgba[i + 1] = 255;
                rgba[i + 2] = 255;
                rgba[i + 3] = alpha;
            }
        }

        return rgba;
    }

    private static double Coverage(int x, int y, int size, int samples, double inset)
    {
        int inside = 0;
        for (int sy = 0; sy < samples; sy++)
        {
            for (int sx = 0; sx < samples; sx++)
            {
                double u = (x + ((sx + 0.5) / samples)) / size;
                double v = (y + ((sy + 0.5) / samples)) / size;
                if (CameraGlyph.Contains(u, v, inset))
                {
                    inside++;
                }
            }
        }

        return inside / (double)(samples * samples);
    }

    private static double Lerp(byte from, byte to, double t) => from + ((to - from) * t);

    private static byte Blend(double background, double foreground, double coverage) =>
        (byte)Math.Round((background * (1 - coverage)) + (foreground * coverage));
}
