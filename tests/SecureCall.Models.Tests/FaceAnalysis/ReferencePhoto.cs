using System.Text.Json;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>A sample photo as decoded by the TF.js reference script, with the crop it chose.</summary>
public sealed record ReferencePhoto(int Number, RgbaImage Image, CropRect Crop)
{
    public static IReadOnlyList<ReferencePhoto> LoadAll()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.ParityDir, "index.json")));
        return document.RootElement.GetProperty("photos").EnumerateArray().Select((p, i) =>
        {
            var (width, height) = (p.GetProperty("width").GetInt32(), p.GetProperty("height").GetInt32());
            var rgb = File.ReadAllBytes(Path.Combine(RepositoryPaths.ParityDir, p.GetProperty("file").GetString()!));
            var face = p.GetProperty("face");
            // Same clamping as reference.mjs crop().
            var top = Math.Clamp(face.GetProperty("top").GetInt32(), 0, height - 2);
            var left = Math.Clamp(face.GetProperty("left").GetInt32(), 0, width - 2);
            var side = face.GetProperty("side").GetInt32();
            var crop = new CropRect(left, top, Math.Min(side, width - left), Math.Min(side, height - top));
            return new ReferencePhoto(i + 1, RgbaImage.FromRgb(width, height, rgb), crop);
        }).ToList();
    }
}
