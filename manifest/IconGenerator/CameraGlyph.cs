namespace TeamsMeetBot.Tools.IconGenerator;

/// <summary>
/// The app's glyph, a video camera with a "now" spark, as shapes in unit coordinates (0..1 across
/// the icon, y down). Point tests only: the renderer supersamples them for smooth edges.
/// </summary>
internal static class CameraGlyph
{
    /// <summary>True when the point lies on the glyph (camera body, lens or spark).</summary>
    public static bool Contains(double x, double y, double inset)
    {
        // Scale the glyph about the centre so the small outline icon can keep a margin of its own.
        double scale = 1 - (2 * inset);
        double u = ((x - 0.5) / scale) + 0.5;
        double v = ((y - 0.5) / scale) + 0.5;
        return InBody(u, v) || InLens(u, v) || InSpark(u, v);
    }

    /// <summary>Rounded rectangle 0.14..0.62 × 0.32..0.70, corner radius 0.07.</summary>
    private static bool InBody(double u, double v) => InRoundedRect(u, v, 0.14, 0.32, 0.62, 0.70, 0.07);

    /// <summary>Trapezoid to the right of the body: narrow at the body, wide at the front.</summary>
    private static bool InLens(double u, double v)
    {
        if (u < 0.65 || u > 0.88)
        {
            return false;
        }

        double t = (u - 0.65) / (0.88 - 0.65);
        double halfHeight = 0.07 + (t * 0.12);
        return Math.Abs(v - 0.51) <= halfHeight;
    }

    /// <summary>A four-pointed spark above the body's right corner: the "now" in "meet now".</summary>
    private static bool InSpark(double u, double v)
    {
        const double cx = 0.74, cy = 0.20, reach = 0.11;
        double dx = Math.Abs(u - cx), dy = Math.Abs(v - cy);

        // A concave star: |dx|^p + |dy|^p <= r^p with p < 1.
        const double p = 0.55;
        return Math.Pow(dx / reach, p) + Math.Pow(dy / reach, p) <= 1;
    }

    private static bool InRoundedRect(double u, double v, double left, double top, double right, double bottom, double radius)
    {
        if (u < left || u > right || v < top || v > bottom)
        {
            return false;
        }

        double cx = Math.Clamp(u, left + radius, right - radius);
        double cy = Math.Clamp(v, top + radius, bottom - radius);
        double dx = u - cx, dy = v - cy;
        return (dx * dx) + (dy * dy) <= radius * radius;
    }
}
