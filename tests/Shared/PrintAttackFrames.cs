using SecureCall.FaceAnalysis.Measures;
using SkiaSharp;

namespace SecureCall.Tests.Shared;

/// <summary>
/// A printed photo held in front of a webcam, as an attacker would (issue 13, attack set): the print is a plane in
/// front of a pinhole camera (focal length 600 px, 640×480 frames, the face about 210 px wide at 50 cm), turned
/// about its vertical and horizontal axes, optionally folded once along the nose line (each half bent back by the
/// fold angle, so the print is two planes). Every frame is drawn with the exact perspective a camera would see, plus
/// a hand's sway and sensor noise, as JPEG. Poses move smoothly, as a careful attacker moves a print.
/// </summary>
public sealed class PrintAttackFrames : IDisposable
{
    public const int Width = 640, Height = 480;
    private const float Focal = 600, Distance = 500;

    private readonly SKImage _photo;
    private readonly SKPoint _nose;
    private readonly float _pixelsPerMm;
    private readonly Random _random;

    /// <param name="photoJpeg">The photo (the print's content).</param>
    /// <param name="mesh">The face's 468 landmarks in the photo (x, y, z), from the face models.</param>
    public PrintAttackFrames(byte[] photoJpeg, float[] mesh, int seed = 1)
    {
        using var bitmap = SKBitmap.Decode(photoJpeg) ?? throw new ArgumentException("The photo does not decode.", nameof(photoJpeg));
        _photo = SKImage.FromBitmap(bitmap);
        var face = new FaceMesh(mesh);
        var nose = face[LandmarkIndex.NoseTip];
        _nose = new SKPoint(nose.X, nose.Y);
        // Print scale: the face (cheek to cheek) 140 mm wide on paper, as a life-size print.
        var faceWidth = Math.Abs(face[LandmarkIndex.LeftCheek].X - face[LandmarkIndex.RightCheek].X);
        _pixelsPerMm = faceWidth / 140f;
        _random = new Random(seed);
    }

    /// <summary>One frame of the print turned by <paramref name="yaw"/> and <paramref name="pitch"/> degrees, folded by <paramref name="fold"/> degrees (0 = flat).</summary>
    public byte[] Frame(float yaw, float pitch, float fold = 0, float swayMm = 1.5f)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(70, 72, 78));
        var sway = new SKPoint(Sway(swayMm), Sway(swayMm));
        LastPose = new PrintPose(yaw, pitch, fold, sway);
        // The halves left and right of the nose line; a flat print is one half spanning everything.
        foreach (var (side, clip) in Halves(fold))
        {
            canvas.Save();
            canvas.SetMatrix(Homography(yaw, pitch, side * fold, sway));
            canvas.ClipRect(clip);
            canvas.DrawImage(_photo, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
            canvas.Restore();
        }
        using var image = surface.Snapshot();
        using var noisy = SKBitmap.FromImage(image);
        AddNoise(noisy);
        using var jpeg = noisy.Encode(SKEncodedImageFormat.Jpeg, 85);
        return jpeg.ToArray();
    }

    /// <summary>The pose of the last frame drawn (its sway included): with <see cref="ToPhoto"/> and <see cref="ToFrame"/>, where its texture truly is.</summary>
    public PrintPose LastPose { get; private set; }

    /// <summary>Where the print's point at <paramref name="photo"/> (photo pixels) appears in a frame drawn at <paramref name="pose"/>.</summary>
    public SKPoint ToFrame(SKPoint photo, PrintPose pose)
    {
        var side = pose.Fold == 0 ? 0 : photo.X < _nose.X ? -1 : 1;
        return Homography(pose.Yaw, pose.Pitch, side * pose.Fold, pose.Sway).MapPoint(photo);
    }

    /// <summary>The print's point (photo pixels) seen at <paramref name="frame"/> in a frame drawn at <paramref name="pose"/>; NaN when none is.</summary>
    public SKPoint ToPhoto(SKPoint frame, PrintPose pose)
    {
        foreach (var side in pose.Fold == 0 ? [0] : new[] { -1, 1 })
        {
            if (Homography(pose.Yaw, pose.Pitch, side * pose.Fold, pose.Sway).TryInvert(out var inverse)
                && inverse.MapPoint(frame) is var photo && (side == 0 || (side < 0) == (photo.X < _nose.X)))
            {
                return photo;
            }
        }
        return new SKPoint(float.NaN, float.NaN);
    }

    /// <summary>A smooth path of poses: from (0,0) to the peak and back over <paramref name="frames"/> frames (half a cosine each way).</summary>
    public static IEnumerable<(float Yaw, float Pitch)> Path(float peakYaw, float peakPitch, int frames)
    {
        for (var k = 0; k < frames; k++)
        {
            var t = (1 - MathF.Cos(2 * MathF.PI * k / (frames - 1))) / 2;
            yield return (peakYaw * t, peakPitch * t);
        }
    }

    public void Dispose() => _photo.Dispose();

    private IEnumerable<(int Side, SKRect Clip)> Halves(float fold)
    {
        var all = new SKRect(0, 0, _photo.Width, _photo.Height);
        if (fold == 0)
        {
            yield return (0, all);
            yield break;
        }
        yield return (-1, all with { Right = _nose.X });
        yield return (1, all with { Left = _nose.X });
    }

    /// <summary>
    /// Photo pixel → frame pixel for one planar piece of the print: photo pixels to millimetres on the paper around
    /// the nose, the piece bent back about the fold line by <paramref name="bend"/> degrees (negative on the left),
    /// the print turned (pitch, then yaw), pushed <see cref="Distance"/> mm in front of the camera and projected.
    /// </summary>
    private SKMatrix Homography(float yaw, float pitch, float bend, SKPoint swayMm)
    {
        var b = -MathF.Abs(bend) * MathF.PI / 180;
        // The piece's x axis in 3-D: along the paper, bent back (away from the camera) on both sides of the fold.
        var ex = bend < 0 ? (MathF.Cos(b), 0f, MathF.Sin(b)) : (MathF.Cos(b), 0f, -MathF.Sin(b));
        var ey = (0f, 1f, 0f);
        var (e1, e2) = (Rotate(ex, yaw, pitch), Rotate(ey, yaw, pitch));
        var t = (swayMm.X, swayMm.Y, Distance);
        // Columns of K·[e1 e2 t] (mm on the paper → frame pixels), then photo pixels → mm around the nose.
        var k = new float[3, 3]
        {
            { (Focal * e1.X) + (Width / 2f * e1.Z), (Focal * e2.X) + (Width / 2f * e2.Z), (Focal * t.X) + (Width / 2f * t.Item3) },
            { (Focal * e1.Y) + (Height / 2f * e1.Z), (Focal * e2.Y) + (Height / 2f * e2.Z), (Focal * t.Y) + (Height / 2f * t.Item3) },
            { e1.Z, e2.Z, t.Item3 },
        };
        var s = 1 / _pixelsPerMm;
        var toMm = new float[3, 3] { { s, 0, -_nose.X * s }, { 0, s, -_nose.Y * s }, { 0, 0, 1 } };
        var m = Multiply(k, toMm);
        return new SKMatrix(m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], m[2, 0], m[2, 1], m[2, 2]);
    }

    /// <summary>Pitch about x (positive: the top of the print tips away, the face looks up), then yaw about y (positive: towards the image's right).</summary>
    private static (float X, float Y, float Z) Rotate((float X, float Y, float Z) v, float yaw, float pitch)
    {
        var (p, y) = (pitch * MathF.PI / 180, yaw * MathF.PI / 180);
        var (y1, z1) = ((v.Y * MathF.Cos(p)) + (v.Z * MathF.Sin(p)), (-v.Y * MathF.Sin(p)) + (v.Z * MathF.Cos(p)));
        var (x2, z2) = ((v.X * MathF.Cos(y)) - (z1 * MathF.Sin(y)), (v.X * MathF.Sin(y)) + (z1 * MathF.Cos(y)));
        return (x2, y1, z2);
    }

    private static float[,] Multiply(float[,] a, float[,] b)
    {
        var m = new float[3, 3];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                m[r, c] = (a[r, 0] * b[0, c]) + (a[r, 1] * b[1, c]) + (a[r, 2] * b[2, c]);
            }
        }
        return m;
    }

    private float Sway(float mm) => (float)((_random.NextDouble() * 2) - 1) * mm;

    /// <summary>Sensor noise on every pixel, as a webcam adds.</summary>
    private void AddNoise(SKBitmap bitmap)
    {
        var pixels = bitmap.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var n = _random.Next(-6, 7);
            var p = pixels[i];
            pixels[i] = new SKColor(Clamp(p.Red + n), Clamp(p.Green + n), Clamp(p.Blue + n), 255);
        }
        bitmap.Pixels = pixels;
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}

