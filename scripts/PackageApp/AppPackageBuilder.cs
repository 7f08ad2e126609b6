using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TeamsMeetBot.Tools.PackageApp;

/// <summary>
/// Fills manifest/manifest.json with the settings and zips it with the two icons, flat at the root of
/// the archive as Teams requires. The output is deterministic: same inputs, same bytes.
/// </summary>
internal static partial class AppPackageBuilder
{
    public const string ManifestFile = "manifest.json";
    public const string ColorIcon = "color.png";
    public const string OutlineIcon = "outline.png";

    // Zip timestamps are fixed so rebuilding an unchanged package gives an identical file.
    private static readonly DateTimeOffset EntryTimestamp = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The manifest template with every <c>{{Name}}</c> replaced; throws when one is unknown.</summary>
    public static JsonObject FillManifest(string templateJson, IReadOnlyDictionary<string, string> placeholders)
    {
        var root = JsonNode.Parse(templateJson) as JsonObject
            ?? throw new InvalidDataException("manifest.json is not a JSON object.");
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        Fill(root, placeholders, unknown);
        if (unknown.Count > 0)
        {
            throw new InvalidDataException("manifest.json uses placeholders that have no value: " + string.Join(", ", unknown.Select(u => "{{" + u + "}}")));
        }

        return root;
    }

    /// <summary>Writes the package to <paramref name="outputPath"/> (replacing it) and returns the filled manifest.</summary>
    public static JsonObject Build(string manifestDirectory, AppPackageSettings settings, string outputPath)
    {
        string template = File.ReadAllText(Path.Combine(manifestDirectory, ManifestFile));
        var manifest = FillManifest(template, settings.Placeholders);

        byte[] color = ReadIcon(manifestDirectory, ColorIcon, 192);
        byte[] outline = ReadIcon(manifestDirectory, OutlineIcon, 32);

        string? folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = outputPath + ".tmp";
        using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            Add(zip, ManifestFile, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(manifest.ToJsonString(Indented) + "\n"));
            Add(zip, ColorIcon, color);
            Add(zip, OutlineIcon, outline);
        }

        File.Move(temporary, outputPath, overwrite: true);
        return manifest;
    }

    private static void Fill(JsonNode node, IReadOnlyDictionary<string, string> placeholders, ISet<string> unknown)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue(out string? text))
                    {
                        obj[key] = Replace(text, placeholders, unknown);
                    }
                    else if (child is not null)
                    {
                        Fill(child, placeholders, unknown);
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue(out string? text))
                    {
                        array[i] = Replace(text, placeholders, unknown);
                    }
                    else if (array[i] is { } child)
                    {
                        Fill(child, placeholders, unknown);
                    }
                }

                break;
        }
    }

    private static string Replace(string text, IReadOnlyDictionary<string, string> placeholders, ISet<string> unknown) =>
        Placeholder().Replace(text, match =>
        {
            string name = match.Groups[1].Value;
            if (placeholders.TryGetValue(name, out string? value))
            {
                return value;
            }

            unknown.Add(name);
            return match.Value;
        });

    /// <summary>Reads an icon and checks it is a PNG of the size Teams requires.</summary>
    private static byte[] ReadIcon(string manifestDirectory, string name, int size)
    {
        string path = Path.Combine(manifestDirectory, name);
        byte[] bytes = File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"{name} is missing from {manifestDirectory}. Draw it with: dotnet run --project manifest/IconGenerator", path);
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(signature) || Encoding.ASCII.GetString(bytes, 12, 4) != "IHDR")
        {
            throw new InvalidDataException($"{name} is not a PNG file.");
        }

        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        if (width != size || height != size)
        {
            throw new InvalidDataException($"{name} is {width}x{height}; Teams requires {size}x{size}.");
        }

        return bytes;
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTimestamp;
        using var stream = entry.Open();
        stream.Write(content);
    }

    [GeneratedRegex(@"\{\{([A-Za-z0-9_]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
