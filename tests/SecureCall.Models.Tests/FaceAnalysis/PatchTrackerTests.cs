using System.Numerics;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.FaceAnalysis.Tracking;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>
/// Texture patches are found again where their texture moved, aligned with their first frame's patch without drift or
/// foreshortening error, and the fast correlation equals the textbook one.
/// </summary>
public sealed class PatchTrackerTests
{
    private const int Width = 200;
    private const int Height = 160;

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(3f, -2f)]
    [InlineData(-6.5f, 4.25f)]
    public void Track_FindsEachPatchWhereItsTextureMoved(float shiftX, float shiftY)
    {
        using var before = Textured(0, 0);
        using var after = Textured(shiftX, shiftY);
        Vector2[] points = [new(60, 50), new(100, 80), new(140, 110)];
        var patches = PatchTracker.Cut(before, points, step: 1);

        // Predicted where they were: the search must find the shift.
        var found = PatchTracker.Track(after, patches, points);

        for (var i = 0; i < points.Length; i++)
        {
            Assert.True(float.IsFinite(found[i].X), $"point {i} not tracked");
            Assert.InRange(found[i].X - points[i].X, shiftX - 0.35f, shiftX + 0.35f);
            Assert.InRange(found[i].Y - points[i].Y, shiftY - 0.35f, shiftY + 0.35f);
        }
    }

    [Fact]
    public void Track_DoesNotFollowFlatTextureOrAPointOutsideTheFrame()
    {
        using var image = Textured(0, 0);
        using var flat = new RgbaImage(Width, Height, Enumerable.Repeat((byte)128, Width * Height * 4).ToArray());
        var inside = PatchTracker.Cut(image, [new Vector2(100, 80)], step: 1);
        var plain = PatchTracker.Cut(flat, [new Vector2(100, 80)], step: 1);

        Assert.True(float.IsNaN(PatchTracker.Track(flat, plain, [new Vector2(100, 80)])[0].X));
        Assert.True(float.IsNaN(PatchTracker.Track(image, inside, [new Vector2(-50, 80)])[0].X));
    }

    /// <summary>Nine points on a grid around the image's centre, where a patch of step 1 fits inside with room to move.</summary>
    private static Vector2[] GridPoints() =>
        [.. from y in new[] { 55f, 80f, 105f } from x in new[] { 70f, 100f, 130f } select new Vector2(x, y)];

    /// <summary>A surface turned about 45° (foreshortened to 0.7 across, slightly sheared) and shifted, with a darker, offset exposure.</summary>
    private static (Func<Vector2, Vector2> Moved, RgbaImage After) Foreshortened(double gain = 1, double offset = 0)
    {
        var centre = new Vector2(100, 80);
        var shift = new Vector2(3.2f, -1.7f);
        var warp = new Matrix3x2(0.7f, -0.03f, 0.05f, 1.02f, 0, 0);
        Matrix3x2.Invert(warp, out var inverse);
        Vector2 Moved(Vector2 p) => centre + shift + Vector2.Transform(p - centre, warp);
        var after = Textured((x, y) => centre + Vector2.Transform(new Vector2((float)x, (float)y) - centre - shift, inverse), gain, offset);
        return (Moved, after);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.6, 40.0)]
    public void Align_FindsTheFirstPatchesUnderAnAffineWarp_WithoutTheChainsDrift(double gain, double offset)
    {
        using var before = Textured(0, 0);
        var (moved, after) = Foreshortened(gain, offset);
        using var _ = after;
        var points = GridPoints();
        var origin = PatchTracker.Cut(before, points, step: 1);
        // Where a frame-to-frame chain would have them: up to a pixel and a half off, as drift leaves them.
        var drifted = points.Select((p, i) => moved(p) + new Vector2(i % 2 == 0 ? 1.1f : -0.8f, i % 3 == 0 ? -0.9f : 0.6f)).ToArray();

        var aligned = PatchTracker.Align(after, origin, drifted);

        for (var i = 0; i < points.Length; i++)
        {
            Assert.True(float.IsFinite(aligned[i].X), $"point {i} not aligned");
            Assert.True(Vector2.Distance(aligned[i], moved(points[i])) < 0.1f, $"point {i}: {aligned[i]}, expected {moved(points[i])}");
        }
    }

    [Fact]
    public void Align_RefusesAnotherTextureAndAStartTooFarAway()
    {
        using var before = Textured(0, 0);
        var (moved, after) = Foreshortened();
        using var _ = after;
        using var other = Noise(seed: 3);
        var points = GridPoints();
        var origin = PatchTracker.Cut(before, points, step: 1);

        Assert.All(PatchTracker.Align(other, origin, points), p => Assert.True(float.IsNaN(p.X), $"aligned at {p}"));
        // More than MaxShiftSteps (3) from the truth: wherever the alignment settles, it is refused.
        var far = points.Select(p => moved(p) + new Vector2(6, 0)).ToArray();
        Assert.All(PatchTracker.Align(after, origin, far), p => Assert.True(float.IsNaN(p.X), $"aligned at {p}"));
    }

    [Fact]
    public void Surface_EqualsTheTextbookCorrelation_IncludingBlocksWithGaps()
    {
        const int side = TexturePatches.Side;
        const int windowSide = side + (2 * PatchTracker.SearchSteps);
        const int span = windowSide - side + 1;
        var random = new Random(7);
        var window = Enumerable.Range(0, windowSide * windowSide).Select(_ => (float)(random.NextDouble() * 255)).ToArray();
        // A column of gaps (outside the frame) at x = 30: blocks covering it have no score.
        for (var y = 0; y < windowSide; y++)
        {
            window[(y * windowSide) + 30] = float.NaN;
        }
        var raw = Enumerable.Range(0, side * side).Select(_ => random.NextDouble() * 255).ToArray();
        var mean = raw.Average();
        var template = raw.Select(v => (float)(v - mean)).ToArray();
        var norm = template.Sum(v => (double)v * v);
        var scores = new float[span * span];

        new NormalisedCorrelation(windowSide, side).Surface(template, norm, window, scores);

        for (var dy = 0; dy < span; dy++)
        {
            for (var dx = 0; dx < span; dx++)
            {
                var expected = Textbook(template, window, windowSide, side, dx, dy);
                var actual = scores[(dy * span) + dx];
                if (double.IsNaN(expected))
                {
                    Assert.True(float.IsNaN(actual), $"({dx}, {dy}): {actual}, expected no score");
                }
                else
                {
                    Assert.InRange(actual, expected - 1e-4, expected + 1e-4);
                }
            }
        }
        Assert.Contains(scores, float.IsNaN);
        Assert.Contains(scores, s => !float.IsNaN(s));
    }

    /// <summary>Σ(t − t̄)(a − ā) / √(Σ(t − t̄)² Σ(a − ā)²), in double, straight from the definition.</summary>
    private static double Textbook(float[] template, float[] window, int windowSide, int side, int dx, int dy)
    {
        var block = new double[side * side];
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                block[(r * side) + c] = window[((dy + r) * windowSide) + dx + c];
            }
        }
        if (block.Any(double.IsNaN))
        {
            return double.NaN;
        }
        var (tMean, aMean) = (template.Average(v => (double)v), block.Average());
        double cross = 0, tNorm = 0, aNorm = 0;
        for (var k = 0; k < block.Length; k++)
        {
            cross += (template[k] - tMean) * (block[k] - aMean);
            tNorm += (template[k] - tMean) * (template[k] - tMean);
            aNorm += (block[k] - aMean) * (block[k] - aMean);
        }
        return cross / Math.Sqrt(tNorm * aNorm);
    }

    /// <summary>An unrelated texture: uniform noise smoothed over 5×5 pixels, stretched to the full grey range.</summary>
    private static RgbaImage Noise(int seed)
    {
        var random = new Random(seed);
        var raw = Enumerable.Range(0, Width * Height).Select(_ => random.NextDouble()).ToArray();
        var pixels = new byte[Width * Height * 4];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                double sum = 0;
                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        sum += raw[(Math.Clamp(y + dy, 0, Height - 1) * Width) + Math.Clamp(x + dx, 0, Width - 1)];
                    }
                }
                var value = (byte)Math.Clamp(Math.Round(128 + ((sum / 25) - 0.5) * 800), 0, 255);
                var i = ((y * Width) + x) * 4;
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (value, value, value, 255);
            }
        }
        return new RgbaImage(Width, Height, pixels);
    }

    /// <summary>A smooth, corner-rich texture (sums of sines), moved by (dx, dy) pixels.</summary>
    private static RgbaImage Textured(float dx, float dy) => Textured((x, y) => new Vector2((float)x - dx, (float)y - dy), 1, 0);

    /// <summary>The texture at <paramref name="toTexture"/>(x, y) for each pixel, its grey levels times <paramref name="gain"/> plus <paramref name="offset"/>.</summary>
    private static RgbaImage Textured(Func<double, double, Vector2> toTexture, double gain, double offset)
    {
        var pixels = new byte[Width * Height * 4];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var t = toTexture(x, y);
                var (u, v) = ((double)t.X, (double)t.Y);
                var grey = 128 + (50 * Math.Sin(u * 0.31) * Math.Cos(v * 0.23)) + (40 * Math.Sin((u * 0.11) + (v * 0.17)))
                    + (30 * Math.Cos((u * 0.07) - (v * 0.29)));
                var value = (byte)Math.Clamp(Math.Round((gain * grey) + offset), 0, 255);
                var i = ((y * Width) + x) * 4;
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (value, value, value, 255);
            }
        }
        return new RgbaImage(Width, Height, pixels);
    }
}
