using TeamsMeetBot.Tools.IconGenerator;

// Draws the Teams app icons into the manifest folder (the folder above this project):
//   color.png   192×192 full colour
//   outline.png  32×32 white on transparent
// Usage (repository root): dotnet run --project manifest/IconGenerator [-- <output folder>]
string outputFolder = args.Length > 0
    ? Path.GetFullPath(args[0])
    : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
if (!File.Exists(Path.Combine(outputFolder, "manifest.json")) && args.Length == 0)
{
    Console.Error.WriteLine($"Could not find manifest/manifest.json at {outputFolder}; pass the output folder as the first argument.");
    return 1;
}

Directory.CreateDirectory(outputFolder);
File.WriteAllBytes(Path.Combine(outputFolder, "color.png"), PngWriter.Encode(192, 192, IconRenderer.Color(192)));
File.WriteAllBytes(Path.Combine(outputFolder, "outline.png"), PngWriter.Encode(32, 32, IconRenderer.Outline(32)));
Console.WriteLine($"Wrote color.png (192x192) and outline.png (32x32) to {outputFolder}");
return 0;
