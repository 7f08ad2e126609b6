using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TeamsMeetBot.Tests.Manifest;

/// <summary>
/// A small, strict PNG reader for the icon tests: checks the signature and every chunk CRC, reads
/// IHDR, inflates the IDAT stream and undoes the five row filters. Only 8-bit RGBA (colour type 6)
/// and 8-bit RGB (colour type 2), non-interlaced, are decoded; anything else is reported, not guessed.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(int width, int height, int colorType, byte[] rgba)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>PNG colour type from IHDR (6 = truecolour with alpha, 2 = truecolour).</summary>
    public int ColorType { get; }

    /// <summary>Pixels as RGBA, row-major (alpha 255 when the file has no alpha channel).</summary>
    public byte[] Rgba { get; }

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        int i = ((y * Width) + x) * 4;
        return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (int i = 0; i < Rgba.Length; i += 4)
        {
            yield return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
        }
    }

    public static PngImage Decode(byte[] file)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG (bad signature)");
        }

        int offset = 8, width = 0, height = 0, colorType = -1;
        using var idat = new MemoryStream();
        bool sawEnd = false;
        while (offset + 12 <= file.Length && !sawEnd)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            string type = Encoding.ASCII.GetString(file, offset + 4, 4);
            if (length < 0 || offset + 12 + length > file.Length)
            {
                throw new InvalidDataException($"chunk {type} runs past the end of the file");
            }

            var data = file.AsSpan(offset + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8 + length));
            if (crc != Crc32(file.AsSpan(offset + 4, 4 + length)))
            {
                throw new InvalidDataException($"chunk {type} has a bad CRC");
            }

            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    int bitDepth = data[8];
                    colorType = data[9];
                    if (bitDepth != 8 || (colorType != 6 && colorType != 2) || data[12] != 0)
                    {
                        throw new InvalidDataException($"unsupported PNG: bit depth {bitDepth}, colour type {colorType}, interlace {data[12]}");
                    }

                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + length;
        }

        if (colorType < 0 || !sawEnd)
        {
            throw new InvalidDataException("PNG without IHDR or IEND");
        }

        int channels = colorType == 6 ? 4 : 3;
        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        idat.Position = 0;
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.ReadExactly(raw);
        }

        var pixels = Unfilter(raw, width, height, channels);
        var rgba = new byte[width * height * 4];
        for (int p = 0, q = 0; p < pixels.Length; p += channels, q += 4)
        {
            rgba[q] = pixels[p];
            rgba[q + 1] = pixels[p + 1];
            rgba[q + 2] = pixels[p + 2];
            rgba[q + 3] = channels == 4 ? pixels[p + 3] : (byte)255;
        }

        return new PngImage(width, height, colorType, rgba);
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        int stride = width * bpp;
        var output = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            int source = (y * (stride + 1)) + 1;
            int row = y * stride;
            for (int x = 0; x < stride; x++)
            {
                int a = x >= bpp ? output[row + x - bpp] : 0;
                int b = y > 0 ? output[row - stride + x] : 0;
                int c = x >= bpp && y > 0 ? output[row - stride + x - bpp] : 0;
                int value = raw[source + x];
                output[row + x] = filter switch
                {
                    0 => (byte)value,
                    1 => (byte)(value + a),
                    2 => (byte)(value + b),
                    3 => (byte)(value + ((a + b) / 2)),
                    4 => (byte)(value + Paeth(a, b, c)),
                    _ => throw new InvalidDataException($"unknown row filter {filter}"),
                };
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte value in data)
        {
            crc ^= value;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
