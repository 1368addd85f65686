using System.Numerics;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.Grains.Interfaces.Verification;
using SkiaSharp;

namespace SecureCall.Tests.Shared;

/// <summary>
/// The tests' stand-in for a real person (no real recording is available here): one sample photo of the
/// <c>@vladmandic/face-api</c> npm package turned into a textured 3-D head. The face's 468 mesh landmarks, with the
/// depth the face model inferred, are the vertices; the MediaPipe triangulation (<see cref="FaceMeshTriangulation"/>)
/// makes the surface; the photo is its texture. The head turns and nods by rotating the mesh about a pivot behind
/// the face, closes its lids, opens its jaw, raises its brows and smiles by moving vertices, always with a smooth
/// ease in and out over several frames and back to rest. Every frame carries a small tremor of the head and camera
/// noise, and is a 640×480 JPEG as a 15 frames/s camera would deliver it. This is not a 2-D edit of the photo: the
/// nose moves against the cheeks as a real head's does, so a turn changes the landmarks non-planarly.
/// </summary>
public sealed class RenderedHead : IDisposable
{
    public const int Width = 640;
    public const int Height = 480;
    public const int FramesPerSecond = 15;

    /// <summary>Face width (cheek to cheek) in the frame, pixels: a person about 60 cm from a webcam.</summary>
    public const float FaceWidthInFrame = 210;

    /// <summary>Frames of rest before and after each gesture (the baseline, and the return).</summary>
    public const int RestBefore = 8, RestAfter = 8;

    // Lid contours from the outer to the inner corner; upper[i] closes onto lower[i].
    private static readonly int[] RightUpperLid = [246, 161, 160, 159, 158, 157, 173];
    private static readonly int[] RightUpperCrease = [247, 30, 29, 27, 28, 56, 190];
    private static readonly int[] RightUpperSocket = [113, 225, 224, 223, 222, 221, 189];
    private static readonly int[] RightLowerLid = [7, 163, 144, 145, 153, 154, 155];
    private static readonly int[] LeftUpperLid = [466, 388, 387, 386, 385, 384, 398];
    private static readonly int[] LeftUpperCrease = [467, 260, 259, 257, 258, 286, 414];
    private static readonly int[] LeftUpperSocket = [342, 445, 444, 443, 442, 441, 413];
    private static readonly int[] LeftLowerLid = [249, 390, 373, 374, 380, 381, 382];

    /// <summary>The inner-lip contour as one closed polygon (the mouth opening; the mesh has no triangles there).</summary>
    private static readonly int[] InnerLips = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95];
    private static readonly int[] LowerInnerLip = [95, 88, 178, 87, 14, 317, 402, 318, 324];

    private static readonly int[] Silhouette =
    [
        10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
        172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
    ];

    private readonly SKImage _photo;
    private readonly SKImage _background;
    private readonly SKShader _texture;
    private readonly int[] _triangles;
    private readonly Vector3[] _rest;
    private readonly SKPoint[] _textureCoordinates;
    private readonly float[] _across;
    private readonly float[] _down;
    private readonly Vector2 _centre;
    private readonly Vector2 _acrossAxis;
    private readonly Vector2 _downAxis;
    private readonly float _faceWidth;
    private readonly float _faceHeight;
    private readonly float _pivotDepth;
    private readonly float _mouthLine;
    private readonly float _lidLine;
    private readonly float _browLine;
    private readonly float _foreheadLine;
    private readonly Random _random;
    private HeadPose _tremor = HeadPose.Rest;

    /// <param name="photoJpeg">The sample photo (the texture).</param>
    /// <param name="mesh">The face's 468 landmarks in the photo (x, y, z per landmark, z larger = farther), from the face models.</param>
    /// <param name="triangles">The mesh triangulation (<see cref="FaceMeshTriangulation.Load"/>).</param>
    /// <param name="seed">Seeds tremor and noise, so runs are repeatable.</param>
    public RenderedHead(byte[] photoJpeg, float[] mesh, int[] triangles, int seed = 1)
    {
        using var bitmap = SKBitmap.Decode(photoJpeg) ?? throw new ArgumentException("The photo does not decode.", nameof(photoJpeg));
        var face = new FaceMesh(mesh);
        _photo = SKImage.FromBitmap(bitmap);
        _texture = _photo.ToShader(SKShaderTileMode.Clamp, SKShaderTileMode.Clamp, new SKSamplingOptions(SKFilterMode.Linear));
        _triangles = triangles;
        _rest = Enumerable.Range(0, FaceMesh.LandmarkCount).Select(i => face[i]).ToArray();
        _textureCoordinates = _rest.Select(p => new SKPoint(p.X, p.Y)).ToArray();

        // A face frame: across (the person's right cheek → left cheek) and down, so gestures follow a tilted head.
        var across = new Vector2(face[LandmarkIndex.LeftCheek].X - face[LandmarkIndex.RightCheek].X, face[LandmarkIndex.LeftCheek].Y - face[LandmarkIndex.RightCheek].Y);
        _faceWidth = across.Length();
        _acrossAxis = across / _faceWidth;
        _downAxis = new Vector2(-_acrossAxis.Y, _acrossAxis.X);
        _centre = new Vector2(_rest.Average(p => p.X), _rest.Average(p => p.Y));
        _across = _rest.Select(p => Vector2.Dot(new Vector2(p.X, p.Y) - _centre, _acrossAxis)).ToArray();
        _down = _rest.Select(p => Vector2.Dot(new Vector2(p.X, p.Y) - _centre, _downAxis)).ToArray();
        _faceHeight = _down[LandmarkIndex.Chin] - _down[LandmarkIndex.ForeheadTop];
        // A head turns about the neck, well behind the face's surface.
        _pivotDepth = _rest.Average(p => p.Z) + 0.6f * _faceWidth;
        _mouthLine = (_down[LandmarkIndex.MouthRightCorner] + _down[LandmarkIndex.MouthLeftCorner]) / 2;
        _lidLine = RightUpperLid.Concat(LeftUpperLid).Average(i => _down[i]);
        _browLine = (_down[LandmarkIndex.RightBrowMiddle] + _down[LandmarkIndex.LeftBrowMiddle]) / 2;
        _foreheadLine = _down[LandmarkIndex.ForeheadTop];
        _background = Background(bitmap);
        _random = new Random(seed);
    }

    /// <summary>Loads sample photo <paramref name="sample"/> (1–6), locates its face with the inference worker and builds the head.</summary>
    public static async Task<RenderedHead> LoadAsync(IGrainFactory grains, string repositoryRoot, int sample)
    {
        var path = SampleFaceFrames.PhotoPath(repositoryRoot, sample);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run models/prepare.sh", path);
        }
        var photo = await File.ReadAllBytesAsync(path);
        var located = await grains.GetGrain<IFaceInferenceGrain>(0).AnalyzeAsync(new FaceInferenceRequest(photo, 0, false, false, null));
        return located.Mesh is { } mesh
            ? new RenderedHead(photo, mesh, FaceMeshTriangulation.Load(repositoryRoot), seed: sample)
            : throw new InvalidOperationException($"sample{sample}.jpg: no face located ({located.Status}: {located.Problem})");
    }

    /// <summary>The challenges the rendered head can answer.</summary>
    public static readonly IReadOnlyList<ChallengeKind> Performable =
    [
        ChallengeKind.Blink, ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight, ChallengeKind.LookUp, ChallengeKind.Nod,
        ChallengeKind.OpenMouth, ChallengeKind.RaiseEyebrows, ChallengeKind.ShowSurprise, ChallengeKind.Smile,
    ];

    /// <summary>
    /// The gesture's peak pose, and how many frames it takes to get there, to stay and to come back. A blink closes in
    /// two frame intervals (≈ 130 ms) and reopens more slowly, in three (≈ 200 ms), as lids do; a face opens its mouth
    /// or raises its brows in about 400 ms (six frames), so one frame the browser drops is not the only one between
    /// rest and peak (over four frames, only one was: the browser suite lost an open mouth that way).
    /// </summary>
    public static (HeadPose Peak, int EaseIn, int HoldFrames, int EaseOut) GestureOf(ChallengeKind kind) => kind switch
    {
        ChallengeKind.Blink => (new HeadPose(EyesClosed: 1), 2, 3, 3),
        ChallengeKind.TurnHeadLeft => (new HeadPose(Yaw: 30), 5, 4, 5),
        ChallengeKind.TurnHeadRight => (new HeadPose(Yaw: -30), 5, 4, 5),
        ChallengeKind.LookUp => (new HeadPose(Pitch: 20), 5, 4, 5),
        ChallengeKind.Nod => (new HeadPose(Pitch: -20), 5, 4, 5),
        ChallengeKind.OpenMouth => (new HeadPose(MouthOpen: 1), 6, 4, 6),
        ChallengeKind.RaiseEyebrows => (new HeadPose(BrowsRaised: 1), 6, 4, 6),
        ChallengeKind.ShowSurprise => (new HeadPose(MouthOpen: 1, BrowsRaised: 1), 6, 5, 6),
        ChallengeKind.Smile => (new HeadPose(Smile: 1), 6, 4, 6),
        _ => throw new ArgumentException($"The rendered head cannot perform {kind}.", nameof(kind)),
    };

    /// <summary>The poses of one gesture from rest to rest (eased in, held, eased out), without the tremor.</summary>
    public static IReadOnlyList<HeadPose> GesturePoses(ChallengeKind kind)
    {
        var (peak, easeIn, hold, easeOut) = GestureOf(kind);
        var poses = new List<HeadPose>();
        poses.AddRange(Enumerable.Range(1, easeIn).Select(k => HeadPose.Rest.Towards(peak, Ease(k, easeIn))));
        poses.AddRange(Enumerable.Repeat(peak, hold));
        poses.AddRange(Enumerable.Range(1, easeOut).Select(k => peak.Towards(HeadPose.Rest, Ease(k, easeOut))));
        return poses;
    }

    /// <summary>The person's and camera's variation (<see cref="CameraVariation.None"/> unless set).</summary>
    public CameraVariation Variation { get; init; } = CameraVariation.None;

    private int _blinkFrame = -1;

    /// <summary>A resting head with its tremor (and, with <see cref="Variation"/>, its drift and its blinks at rest).</summary>
    public byte[] Rest() => Render(RestPose());

    /// <summary>The rest pose of the next frame: the person's rest, the tremor, now and then a blink.</summary>
    private HeadPose RestPose()
    {
        var pose = Variation.RestPose.Plus(NextTremor());
        var blink = GesturePoses(ChallengeKind.Blink);
        if (_blinkFrame < 0 && Variation.BlinksPerMinute > 0 && _random.NextSingle() < Variation.BlinksPerMinute / (60f * Variation.FramesPerSecond))
        {
            _blinkFrame = 0;
        }
        if (_blinkFrame >= 0)
        {
            // A blink at rest takes as long at 30 frames/s as at 15: each of its poses lasts 1/15 s.
            pose = pose with { EyesClosed = blink[_blinkFrame * RenderedHead.FramesPerSecond / Variation.FramesPerSecond].EyesClosed };
            _blinkFrame = _blinkFrame + 1 < blink.Count * Variation.FramesPerSecond / RenderedHead.FramesPerSecond ? _blinkFrame + 1 : -1;
        }
        return pose;
    }

    /// <summary>Rest, the gesture eased in, held and eased out, rest again: a person answering <paramref name="kind"/>.</summary>
    public IReadOnlyList<byte[]> Perform(ChallengeKind kind)
    {
        var frames = new List<byte[]>();
        frames.AddRange(Enumerable.Range(0, RestBefore).Select(_ => Rest()));
        frames.AddRange(Gesture(kind));
        frames.AddRange(Enumerable.Range(0, RestAfter).Select(_ => Rest()));
        return frames;
    }

    /// <summary>Only the movement, from the rest pose back to it (eased in, held, eased out), with the tremor.</summary>
    public IReadOnlyList<byte[]> Gesture(ChallengeKind kind) => Paced(GesturePoses(kind)).Select(pose => Render(pose.Plus(Variation.RestPose).Plus(NextTremor()))).ToList();

    /// <summary>The gesture's poses at the camera's frame rate: at 30 frames/s twice as many, half a step apart, over the same time.</summary>
    private IReadOnlyList<HeadPose> Paced(IReadOnlyList<HeadPose> poses)
    {
        if (Variation.FramesPerSecond <= RenderedHead.FramesPerSecond)
        {
            return poses;
        }
        var from = new[] { HeadPose.Rest }.Concat(poses).ToList();
        return from.Zip(poses, (a, b) => new[] { a.Towards(b, 0.5f), b }).SelectMany(p => p).ToList();
    }

    /// <summary>Renders <paramref name="pose"/> as a noisy 640×480 JPEG centred on the face.</summary>
    public byte[] Render(HeadPose pose)
    {
        var v = Variation;
        using var surface = SKSurface.Create(new SKImageInfo(v.Width, v.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        // A smaller camera sees the same scene with fewer pixels; the head sits off-centre and rolled.
        canvas.Scale(v.Width / (float)Width);
        canvas.Translate(Width / 2f + pose.ShiftX + v.ShiftX, Height / 2f + pose.ShiftY + v.ShiftY);
        canvas.RotateDegrees(v.RollDegrees);
        canvas.Scale(FaceWidthInFrame / _faceWidth);
        canvas.Translate(-_centre.X, -_centre.Y);
        canvas.DrawImage(_background, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        var projected = Project(Deform(pose), pose);
        DrawMouthOpening(canvas, projected);
        DrawSurface(canvas, projected);
        canvas.Flush();
        AddCameraNoise(surface);
        using var image = surface.Snapshot();
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return jpeg.ToArray();
    }

    public void Dispose()
    {
        _texture.Dispose();
        _photo.Dispose();
        _background.Dispose();
    }

    /// <summary>Ease in and out (half a cosine): step <paramref name="k"/> of <paramref name="steps"/>.</summary>
    private static float Ease(int k, int steps) => (1 - MathF.Cos(MathF.PI * k / steps)) / 2;

    /// <summary>Next step of a slow random walk: a person holding still sways a fraction of a degree and a pixel or two.</summary>
    private HeadPose NextTremor()
    {
        // With the variation's drift, a slower and wider walk (a person settling in the chair): about ±0.6° and ±3 px.
        var (keep, degrees, pixels) = Variation.Drift ? (0.95f, 0.2f, 1f) : (0.7f, 0.25f, 0.7f);
        _tremor = new HeadPose(
            Yaw: keep * _tremor.Yaw + Gaussian(degrees), Pitch: keep * _tremor.Pitch + Gaussian(degrees),
            ShiftX: keep * _tremor.ShiftX + Gaussian(pixels), ShiftY: keep * _tremor.ShiftY + Gaussian(pixels));
        return _tremor;
    }

    private float Gaussian(float sigma) =>
        sigma * MathF.Sqrt(-2 * MathF.Log(1 - _random.NextSingle())) * MathF.Cos(2 * MathF.PI * _random.NextSingle());

    /// <summary>Moves the vertices for lids, jaw, brows and smile (in photo pixels, before the head rotates).</summary>
    private Vector3[] Deform(HeadPose pose)
    {
        var p = (Vector3[])_rest.Clone();
        if (pose.EyesClosed != 0)
        {
            CloseLids(p, RightUpperLid, RightUpperCrease, RightUpperSocket, RightLowerLid, pose.EyesClosed);
            CloseLids(p, LeftUpperLid, LeftUpperCrease, LeftUpperSocket, LeftLowerLid, pose.EyesClosed);
        }
        var down = new Vector3(_downAxis, 0);
        var across = new Vector3(_acrossAxis, 0);
        if (pose.MouthOpen != 0)
        {
            // The jaw drops: the chin fully, the jaw's sides less, the lower lip's inner edge as an ellipse between the corners.
            var drop = pose.MouthOpen * 0.11f * _faceHeight;
            var halfMouth = Math.Abs(_across[LandmarkIndex.MouthLeftCorner] - _across[LandmarkIndex.MouthRightCorner]) / 2;
            for (var i = 0; i < p.Length; i++)
            {
                if (_down[i] <= _mouthLine)
                {
                    continue;
                }
                var sideways = Math.Abs(_across[i]) / (0.5f * _faceWidth);
                var weight = Math.Clamp(1.15f - 0.8f * sideways, 0.3f, 1f) * SmoothStep(_mouthLine, _mouthLine + 0.035f * _faceHeight, _down[i]);
                if (Array.IndexOf(LowerInnerLip, i) >= 0)
                {
                    var x = Math.Clamp(_across[i] / halfMouth, -1, 1);
                    weight = MathF.Sqrt(1 - x * x);
                }
                p[i] += down * (drop * weight);
            }
        }
        if (pose.BrowsRaised != 0)
        {
            // Brows rise: most at the brow line, fading to nothing at the lids and at the top of the forehead.
            var lift = pose.BrowsRaised * 0.06f * _faceHeight;
            for (var i = 0; i < p.Length; i++)
            {
                if (_down[i] >= _lidLine || Math.Abs(_across[i]) > 0.48f * _faceWidth)
                {
                    continue;
                }
                var weight = _down[i] >= _browLine
                    ? (_lidLine - _down[i]) / (_lidLine - _browLine)
                    : (_down[i] - _foreheadLine) / (_browLine - _foreheadLine);
                p[i] -= down * (lift * Math.Clamp(weight, 0, 1));
            }
        }
        if (pose.Smile != 0)
        {
            foreach (var (corner, side) in new[] { (LandmarkIndex.MouthRightCorner, -1f), (LandmarkIndex.MouthLeftCorner, 1f) })
            {
                var centre = _rest[corner];
                var sigma = 0.09f * _faceWidth;
                var pull = across * (side * 0.07f * _faceWidth) - down * (0.05f * _faceHeight);
                for (var i = 0; i < p.Length; i++)
                {
                    var d = new Vector2(_rest[i].X - centre.X, _rest[i].Y - centre.Y).LengthSquared();
                    p[i] += pull * (pose.Smile * MathF.Exp(-d / (2 * sigma * sigma)));
                }
            }
        }
        return p;
    }

    /// <summary>The upper lid comes down onto the lower one (which rises a little); the skin above it follows, less and less.</summary>
    private static void CloseLids(Vector3[] p, int[] upper, int[] crease, int[] socket, int[] lower, float closed)
    {
        for (var k = 0; k < upper.Length; k++)
        {
            var gap = p[lower[k]] - p[upper[k]];
            p[upper[k]] += gap * (0.9f * closed);
            p[crease[k]] += gap * (0.85f * closed);
            p[socket[k]] += gap * (0.35f * closed);
            p[lower[k]] -= gap * (0.1f * closed);
        }
    }

    /// <summary>Rotates the head (pitch, then yaw) about a pivot behind the face; orthographic projection in photo pixels.</summary>
    private Vector3[] Project(Vector3[] p, HeadPose pose)
    {
        var pivot = new Vector3(_centre, _pivotDepth);
        var (yaw, pitch) = (pose.Yaw * MathF.PI / 180, pose.Pitch * MathF.PI / 180);
        var (cy, sy, cp, sp) = (MathF.Cos(yaw), MathF.Sin(yaw), MathF.Cos(pitch), MathF.Sin(pitch));
        var result = new Vector3[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            var r = p[i] - pivot;
            // Looking up (pitch > 0) lifts the nose, which is nearer the camera (z < 0), up the image.
            var (y1, z1) = (r.Y * cp + r.Z * sp, -r.Y * sp + r.Z * cp);
            // Turning to the person's left (yaw > 0) moves the nose to the image's right.
            var (x2, z2) = (r.X * cy - z1 * sy, r.X * sy + z1 * cy);
            result[i] = new Vector3(x2, y1, z2) + pivot;
        }
        return result;
    }

    /// <summary>The dark inside of the mouth, behind the lips (the mesh leaves a hole between the inner lips).</summary>
    private static void DrawMouthOpening(SKCanvas canvas, Vector3[] projected)
    {
        using var path = Polygon(InnerLips.Select(i => new SKPoint(projected[i].X, projected[i].Y)));
        using var dark = new SKPaint { Color = new SKColor(45, 18, 22), IsAntialias = true };
        canvas.DrawPath(path, dark);
    }

    /// <summary>The textured triangles, farthest first (painter's order).</summary>
    private void DrawSurface(SKCanvas canvas, Vector3[] projected)
    {
        var count = _triangles.Length / 3;
        var order = Enumerable.Range(0, count)
            .OrderByDescending(t => projected[_triangles[3 * t]].Z + projected[_triangles[3 * t + 1]].Z + projected[_triangles[3 * t + 2]].Z)
            .ToArray();
        var positions = new SKPoint[count * 3];
        var texs = new SKPoint[count * 3];
        for (var k = 0; k < count; k++)
        {
            for (var j = 0; j < 3; j++)
            {
                var vertex = _triangles[3 * order[k] + j];
                positions[3 * k + j] = new SKPoint(projected[vertex].X, projected[vertex].Y);
                texs[3 * k + j] = _textureCoordinates[vertex];
            }
        }
        using var vertices = SKVertices.CreateCopy(SKVertexMode.Triangles, positions, texs, null);
        using var paint = new SKPaint { Shader = _texture, IsAntialias = true };
        canvas.DrawVertices(vertices, SKBlendMode.Modulate, paint);
    }

    /// <summary>Sensor noise on every pixel, as a webcam adds.</summary>
    private void AddCameraNoise(SKSurface surface)
    {
        using var pixmap = surface.PeekPixels();
        var bytes = pixmap.GetPixelSpan<byte>();
        for (var i = 0; i < bytes.Length; i += 4)
        {
            // Dim, warm light: each channel scaled by the light and the camera's gain; the gain amplifies the noise too.
            var (r, g, b, gain) = Variation.Exposure();
            var n = Gaussian(2.5f * gain);
            bytes[i] = (byte)Math.Clamp(bytes[i] * r + n + Gaussian(1.5f * gain), 0, 255);
            bytes[i + 1] = (byte)Math.Clamp(bytes[i + 1] * g + n + Gaussian(1.5f * gain), 0, 255);
            bytes[i + 2] = (byte)Math.Clamp(bytes[i + 2] * b + n + Gaussian(1.5f * gain), 0, 255);
        }
    }

    /// <summary>The photo with the face itself blurred away, so a turned head shows skin and hair behind it, not a second face.</summary>
    private SKImage Background(SKBitmap photo)
    {
        using var surface = SKSurface.Create(new SKImageInfo(photo.Width, photo.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.DrawImage(_photo, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        using var outline = Polygon(Silhouette.Select(i =>
        {
            var point = _centre + (new Vector2(_rest[i].X, _rest[i].Y) - _centre) * 1.03f;
            return new SKPoint(point.X, point.Y);
        }));
        // The blurred face, faded in through a soft-edged mask of the face outline, so no edge shows at rest.
        canvas.SaveLayer();
        using var blur = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(_faceWidth * 0.12f, _faceWidth * 0.12f) };
        canvas.DrawImage(_photo, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), blur);
        using var mask = new SKPaint
        {
            BlendMode = SKBlendMode.DstIn, IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, _faceWidth * 0.03f),
        };
        canvas.DrawPath(outline, mask);
        canvas.Restore();
        return surface.Snapshot();
    }

    private static SKPath Polygon(IEnumerable<SKPoint> points)
    {
        using var builder = new SKPathBuilder();
        var first = true;
        foreach (var point in points)
        {
            if (first)
            {
                builder.MoveTo(point);
                first = false;
            }
            else
            {
                builder.LineTo(point);
            }
        }
        builder.Close();
        return builder.Detach();
    }

    private static float SmoothStep(float from, float to, float x)
    {
        var t = Math.Clamp((x - from) / (to - from), 0, 1);
        return t * t * (3 - 2 * t);
    }
}
