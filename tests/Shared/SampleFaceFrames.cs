using SecureCall.FaceAnalysis.Measures;
using SecureCall.Grains.Interfaces.Verification;
using SkiaSharp;

namespace SecureCall.Tests.Shared;

/// <summary>
/// Camera-like 640×480 JPEG frames of one face from a sample photo of the <c>@vladmandic/face-api</c> npm package
/// (fetched by models/prepare.sh), for sequence tests and the verification benchmark. A still photo can be edited
/// into a few gestures: mirrored (the head turned the other way), eyes painted shut (a blink), mouth painted open
/// (open mouth; the emotion model reads it as surprise). A sway of a few pixels per frame stands in for a live
/// person's micro-movement; <see cref="Still"/> frames have none.
/// </summary>
public sealed class SampleFaceFrames : IDisposable
{
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>Frames of rest before a gesture, of the gesture, and of rest after it.</summary>
    public const int RestBefore = 6, GestureFrames = 6, RestAfter = 4;

    private readonly SKImage _photo;
    private readonly SKImage _eyesClosed;
    private readonly SKImage _mouthOpen;
    private readonly SKPoint _centre;
    private readonly bool _facesPersonsRight;
    private readonly Random _sway;

    /// <param name="photoJpeg">The sample photo.</param>
    /// <param name="mesh">The face's 468 landmarks in the photo (x, y, z per landmark), from the face models.</param>
    /// <param name="seed">Seeds the sway, so runs are repeatable.</param>
    public SampleFaceFrames(byte[] photoJpeg, float[] mesh, int seed = 1)
    {
        using var bitmap = SKBitmap.Decode(photoJpeg) ?? throw new ArgumentException("The photo does not decode.", nameof(photoJpeg));
        var face = new FaceMesh(mesh);
        var (left, top, right, bottom) = face.Bounds();
        _centre = new SKPoint((left + right) / 2, (top + bottom) / 2);
        // Library yaw is positive when the person looks to their left; mirroring flips the sign.
        _facesPersonsRight = MeasureCalculator.Compute(face, null).Yaw < 0;
        _photo = SKImage.FromBitmap(bitmap);
        _eyesClosed = Edit(bitmap, canvas => PaintEyesShut(canvas, bitmap, face));
        _mouthOpen = Edit(bitmap, canvas => PaintMouthOpen(canvas, face));
        _sway = new Random(seed);
    }

    /// <summary>Where models/prepare.sh puts sample photo <paramref name="sample"/> (1–6).</summary>
    public static string PhotoPath(string repositoryRoot, int sample) =>
        Path.Combine(repositoryRoot, "models", "node_modules", "@vladmandic", "face-api", "demo", $"sample{sample}.jpg");

    /// <summary>Loads sample photo <paramref name="sample"/> (1–6) and locates its best face with the inference worker.</summary>
    public static async Task<SampleFaceFrames> LoadAsync(IGrainFactory grains, string repositoryRoot, int sample)
    {
        var path = PhotoPath(repositoryRoot, sample);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run models/prepare.sh", path);
        }
        var photo = await File.ReadAllBytesAsync(path);
        var located = await grains.GetGrain<IFaceInferenceGrain>(0).AnalyzeAsync(new FaceInferenceRequest(photo, 0, false, false, null));
        return located.Mesh is { } mesh
            ? new SampleFaceFrames(photo, mesh, seed: sample)
            : throw new InvalidOperationException($"sample{sample}.jpg: no face located ({located.Status}: {located.Problem})");
    }

    /// <summary>The challenges a sequence of this face can answer.</summary>
    public static readonly IReadOnlyList<ChallengeKind> Performable =
        [ChallengeKind.Blink, ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight, ChallengeKind.OpenMouth, ChallengeKind.ShowSurprise];

    /// <summary>The head turn that starts from the unmirrored photo (so its rest pose is the same as a blink's).</summary>
    public ChallengeKind TurnFromRest => _facesPersonsRight ? ChallengeKind.TurnHeadLeft : ChallengeKind.TurnHeadRight;

    /// <summary>The same frame every time: a photo held perfectly still in front of the camera.</summary>
    public byte[] Still() => Render(_photo, mirrored: false, Vector(0, 0));

    /// <summary>A resting face with a little sway.</summary>
    public byte[] Rest() => Render(_photo, mirrored: false, NextSway());

    /// <summary>Rest, the gesture held, rest again: what a person answering <paramref name="kind"/> looks like.</summary>
    public IReadOnlyList<byte[]> Perform(ChallengeKind kind)
    {
        var (rest, restMirrored, gesture, gestureMirrored) = kind switch
        {
            ChallengeKind.Blink => (_photo, false, _eyesClosed, false),
            ChallengeKind.OpenMouth or ChallengeKind.ShowSurprise => (_photo, false, _mouthOpen, false),
            // Turning to the left: from the photo's pose to its mirror image if the photo faces the person's right.
            ChallengeKind.TurnHeadLeft => (_photo, !_facesPersonsRight, _photo, _facesPersonsRight),
            ChallengeKind.TurnHeadRight => (_photo, _facesPersonsRight, _photo, !_facesPersonsRight),
            _ => throw new ArgumentException($"A still photo cannot be edited into {kind}.", nameof(kind)),
        };
        var frames = new List<byte[]>();
        frames.AddRange(Enumerable.Range(0, RestBefore).Select(_ => Render(rest, restMirrored, NextSway())));
        frames.AddRange(Enumerable.Range(0, GestureFrames).Select(_ => Render(gesture, gestureMirrored, NextSway())));
        frames.AddRange(Enumerable.Range(0, RestAfter).Select(_ => Render(rest, restMirrored, NextSway())));
        return frames;
    }

    public void Dispose()
    {
        _photo.Dispose();
        _eyesClosed.Dispose();
        _mouthOpen.Dispose();
    }

    private SKPoint NextSway() => Vector(_sway.Next(-3, 4), _sway.Next(-3, 4));

    private static SKPoint Vector(int dx, int dy) => new(dx, dy);

    /// <summary>A 640×480 window centred on the face (shifted by the sway), optionally mirrored, as JPEG.</summary>
    private byte[] Render(SKImage source, bool mirrored, SKPoint sway)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        if (mirrored)
        {
            canvas.Translate(Width, 0);
            canvas.Scale(-1, 1);
        }
        canvas.Translate(Width / 2f - _centre.X + sway.X, Height / 2f - _centre.Y + sway.Y);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        using var image = surface.Snapshot();
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return jpeg.ToArray();
    }

    private static SKImage Edit(SKBitmap photo, Action<SKCanvas> paint)
    {
        using var copy = photo.Copy();
        using (var canvas = new SKCanvas(copy))
        {
            paint(canvas);
        }
        return SKImage.FromBitmap(copy);
    }

    /// <summary>Covers each eye with skin colour from below it and draws the lash line of a closed lid.</summary>
    private static void PaintEyesShut(SKCanvas canvas, SKBitmap photo, FaceMesh face)
    {
        foreach (var eye in new[] { LandmarkIndex.RightEye, LandmarkIndex.LeftEye })
        {
            var points = eye.Select(i => face[i]).ToList();
            var (left, right) = (points.Min(p => p.X), points.Max(p => p.X));
            var (top, bottom) = (points.Min(p => p.Y), points.Max(p => p.Y));
            var (height, x, y) = (bottom - top, (left + right) / 2, (top + bottom) / 2);
            var skin = photo.GetPixel((int)x, (int)Math.Min(photo.Height - 1, bottom + height * 1.5f));
            using var cover = new SKPaint { Color = skin, IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, height * 0.3f) };
            canvas.DrawOval(x, y, (right - left) * 0.65f, height * 1.1f, cover);
            using var lashes = new SKPaint
            {
                Color = new SKColor(40, 30, 30), StrokeWidth = Math.Max(2, height * 0.25f), IsAntialias = true,
                Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round,
            };
            canvas.DrawLine(left, y + height * 0.2f, right, y + height * 0.2f, lashes);
        }
    }

    /// <summary>Paints a dark open mouth between the lips.</summary>
    private static void PaintMouthOpen(SKCanvas canvas, FaceMesh face)
    {
        var (upper, lower) = (face[LandmarkIndex.UpperLipInner], face[LandmarkIndex.LowerLipInner]);
        var (rightCorner, leftCorner) = (face[LandmarkIndex.MouthRightCorner], face[LandmarkIndex.MouthLeftCorner]);
        var width = Math.Abs(leftCorner.X - rightCorner.X);
        using var dark = new SKPaint { Color = new SKColor(50, 20, 25), IsAntialias = true };
        canvas.DrawOval((rightCorner.X + leftCorner.X) / 2, (upper.Y + lower.Y) / 2 + width * 0.1f, width * 0.4f, width * 0.25f, dark);
    }
}
