using System.Numerics;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.Grains.Interfaces.Verification;
using SkiaSharp;

namespace SecureCall.Tests.Shared;

/// <summary>
/// A second genuine stand-in, built independently of <see cref="RenderedHead"/> (issue 24, item 1): a sample photo laid
/// on a generic head shape instead of the face model's own mesh and depth. The shape is an ellipsoid the size of the
/// face with a nose ridge and eye sockets, cut into a fine regular grid (128 × 128 cells, about 2.5 px each in the
/// frame) that carries the photo; it turns and nods about a pivot behind the face and is seen through a pinhole camera
/// (perspective, not the rendered head's orthographic view). Gestures move grid vertices by displacement fields
/// placed from a few landmarks of the photo (eye lids, lip line, brows, mouth corners), and an opened mouth cuts the
/// grid along the lip line over a dark mouth. The face models are used only to find those landmarks in the photo;
/// nothing of the rendered head's mesh, triangulation or deformation is used.
/// </summary>
public sealed class ShapedPortrait : IDisposable
{
    private const int Cells = 128;

    /// <summary>Camera distance in face widths (about 60 cm for a 14-cm face): the perspective a webcam sees.</summary>
    private const float CameraDistance = 4.5f;

    private readonly SKImage _photo;
    private readonly SKImage _background;
    private readonly SKShader _texture;
    private readonly Random _random;
    private readonly Vector2 _centre, _across, _down;
    private readonly float _faceWidth, _faceHeight;
    private readonly float[] _a, _d, _z;
    private readonly bool[] _inside;
    private readonly SKPoint[] _texCoords;
    private readonly (Vector2 Centre, float HalfWidth, float Opening)[] _eyes;
    private readonly Vector2 _mouthRight, _mouthLeft, _lips;
    private readonly float _browLine, _foreheadLine;
    private HeadPose _tremor = HeadPose.Rest;
    private int _blinkFrame = -1;

    /// <param name="photoJpeg">The sample photo (the texture).</param>
    /// <param name="mesh">The face's 468 landmarks in the photo, from the face models: only features are read from them.</param>
    /// <param name="seed">Seeds the tremor, blinks and noise.</param>
    public ShapedPortrait(byte[] photoJpeg, float[] mesh, int seed)
    {
        using var bitmap = SKBitmap.Decode(photoJpeg) ?? throw new ArgumentException("The photo does not decode.", nameof(photoJpeg));
        var face = new FaceMesh(mesh);
        Vector2 P(int i) => new(face[i].X, face[i].Y);
        _photo = SKImage.FromBitmap(bitmap);
        _texture = _photo.ToShader(SKShaderTileMode.Clamp, SKShaderTileMode.Clamp, new SKSamplingOptions(SKFilterMode.Linear));
        _random = new Random(seed);
        var across = P(LandmarkIndex.LeftCheek) - P(LandmarkIndex.RightCheek);
        _faceWidth = across.Length();
        _across = across / _faceWidth;
        _down = new Vector2(-_across.Y, _across.X);
        _centre = (P(LandmarkIndex.LeftCheek) + P(LandmarkIndex.RightCheek)) / 2;
        float D(Vector2 p) => Vector2.Dot(p - _centre, _down);
        var top = D(P(LandmarkIndex.ForeheadTop));
        var chin = D(P(LandmarkIndex.Chin));
        _faceHeight = chin - top;
        _eyes =
        [
            (Frame((P(33) + P(133)) / 2), Vector2.Distance(P(33), P(133)) / 2, Vector2.Distance(P(159), P(145))),
            (Frame((P(362) + P(263)) / 2), Vector2.Distance(P(362), P(263)) / 2, Vector2.Distance(P(386), P(374))),
        ];
        _mouthRight = Frame(P(LandmarkIndex.MouthRightCorner));
        _mouthLeft = Frame(P(LandmarkIndex.MouthLeftCorner));
        _lips = Frame((P(LandmarkIndex.UpperLipInner) + P(LandmarkIndex.LowerLipInner)) / 2);
        _browLine = (D(P(LandmarkIndex.RightBrowMiddle)) + D(P(LandmarkIndex.LeftBrowMiddle))) / 2;
        _foreheadLine = top;
        var nose = Frame(P(LandmarkIndex.NoseTip));

        // The grid: a square around the face in its own frame (a across, d down, photo pixels), and its depth.
        var n = (Cells + 1) * (Cells + 1);
        (_a, _d, _z, _texCoords, _inside) = (new float[n], new float[n], new float[n], new SKPoint[n], new bool[n]);
        var (halfW, halfH, middle) = (0.54f * _faceWidth, 0.62f * _faceHeight, (top + chin) / 2);
        for (var row = 0; row <= Cells; row++)
        {
            for (var col = 0; col <= Cells; col++)
            {
                var k = row * (Cells + 1) + col;
                var (a, d) = (halfW * (2f * col / Cells - 1), middle + halfH * (2f * row / Cells - 1));
                (_a[k], _d[k]) = (a, d);
                var r2 = (a / halfW) * (a / halfW) + ((d - middle) / halfH) * ((d - middle) / halfH);
                _inside[k] = r2 < 0.98f;
                var z = 0.5f * _faceWidth * MathF.Sqrt(Math.Max(0, 1 - r2));
                z += 0.2f * _faceWidth * Bump(a - nose.X, d - nose.Y, 0.08f * _faceWidth, 0.17f * _faceWidth);
                foreach (var eye in _eyes)
                {
                    z -= 0.05f * _faceWidth * Bump(a - eye.Centre.X, d - eye.Centre.Y, 0.08f * _faceWidth, 0.06f * _faceWidth);
                }
                _z[k] = z;
                var t = _centre + a * _across + d * _down;
                _texCoords[k] = new SKPoint(t.X, t.Y);
            }
        }
        _background = Background(bitmap, halfW, halfH, middle);
    }

    /// <summary>The person's and camera's variation.</summary>
    public CameraVariation Variation { get; init; } = CameraVariation.None;

    /// <summary>The gesture's peak and its timing at 15 frames/s: ease in, hold, ease out (its own, not the rendered head's).</summary>
    public static (HeadPose Peak, int EaseIn, int Hold, int EaseOut) GestureOf(ChallengeKind kind) => kind switch
    {
        ChallengeKind.Blink => (new HeadPose(EyesClosed: 1), 1, 4, 3),
        ChallengeKind.TurnHeadLeft => (new HeadPose(Yaw: 28), 6, 5, 6),
        ChallengeKind.TurnHeadRight => (new HeadPose(Yaw: -28), 6, 5, 6),
        ChallengeKind.LookUp => (new HeadPose(Pitch: 18), 6, 5, 6),
        ChallengeKind.Nod => (new HeadPose(Pitch: -18), 5, 4, 5),
        ChallengeKind.OpenMouth => (new HeadPose(MouthOpen: 1), 5, 5, 5),
        ChallengeKind.RaiseEyebrows => (new HeadPose(BrowsRaised: 1), 5, 5, 5),
        ChallengeKind.ShowSurprise => (new HeadPose(MouthOpen: 1, BrowsRaised: 1), 5, 6, 5),
        ChallengeKind.Smile => (new HeadPose(Smile: 1), 6, 6, 6),
        _ => throw new ArgumentException($"Cannot perform {kind}.", nameof(kind)),
    };

    /// <summary>A resting frame: the person's rest, the tremor and drift, now and then a blink.</summary>
    public byte[] Rest()
    {
        var pose = Variation.RestPose.Plus(NextTremor());
        if (_blinkFrame < 0 && Variation.BlinksPerMinute > 0 && _random.NextSingle() < Variation.BlinksPerMinute / (60f * Variation.FramesPerSecond))
        {
            _blinkFrame = 0;
        }
        if (_blinkFrame >= 0)
        {
            var blink = Poses(ChallengeKind.Blink);
            pose = pose with { EyesClosed = blink[_blinkFrame].EyesClosed };
            _blinkFrame = _blinkFrame + 1 < blink.Count ? _blinkFrame + 1 : -1;
        }
        return Render(pose);
    }

    /// <summary>Rest, the gesture, rest: a person answering <paramref name="kind"/>.</summary>
    public IReadOnlyList<byte[]> Perform(ChallengeKind kind)
    {
        var frames = new List<byte[]>();
        var rest = 6 * Variation.FramesPerSecond / RenderedHead.FramesPerSecond;
        frames.AddRange(Enumerable.Range(0, rest).Select(_ => Rest()));
        frames.AddRange(Poses(kind).Select(p => Render(p.Plus(Variation.RestPose).Plus(NextTremor()))));
        frames.AddRange(Enumerable.Range(0, rest).Select(_ => Rest()));
        return frames;
    }

    /// <summary>The gesture's poses at the camera's frame rate (a smoothstep in and out, over the same time at any rate).</summary>
    private List<HeadPose> Poses(ChallengeKind kind)
    {
        var (peak, easeIn, hold, easeOut) = GestureOf(kind);
        var f = Variation.FramesPerSecond / RenderedHead.FramesPerSecond;
        static float Smooth(float t) => t * t * (3 - 2 * t);
        var poses = new List<HeadPose>();
        poses.AddRange(Enumerable.Range(1, easeIn * f).Select(k => HeadPose.Rest.Towards(peak, Smooth(k / (float)(easeIn * f)))));
        poses.AddRange(Enumerable.Repeat(peak, hold * f));
        poses.AddRange(Enumerable.Range(1, easeOut * f).Select(k => peak.Towards(HeadPose.Rest, Smooth(k / (float)(easeOut * f)))));
        return poses;
    }

    public byte[] Render(HeadPose pose)
    {
        var v = Variation;
        using var surface = SKSurface.Create(new SKImageInfo(v.Width, v.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        canvas.Scale(v.Width / (float)RenderedHead.Width);
        canvas.Translate(RenderedHead.Width / 2f + pose.ShiftX + v.ShiftX, RenderedHead.Height / 2f + pose.ShiftY + v.ShiftY);
        canvas.RotateDegrees(v.RollDegrees);
        // A face 200 px wide in a 640-px frame (a little smaller than the rendered head's 210).
        canvas.Scale(200f / _faceWidth);
        canvas.Translate(-_centre.X, -_centre.Y);
        canvas.DrawImage(_background, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        var (positions, open, depth) = Project(pose);
        if (pose.MouthOpen > 0.02f)
        {
            // The dark inside of the mouth, behind the grid: it shows where the lip line opened.
            using var dark = new SKPaint { Color = new SKColor(40, 16, 20), IsAntialias = true };
            var lips = positions[Nearest(_lips)];
            var corner = Vector2.Distance(_mouthRight, _mouthLeft) / 2;
            canvas.DrawOval(new SKRect(lips.X - corner, lips.Y - 0.02f * _faceHeight, lips.X + corner, lips.Y + 0.17f * _faceHeight * pose.MouthOpen), dark);
        }
        DrawGrid(canvas, positions, open, depth);
        canvas.Flush();
        AddNoise(surface);
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

    private Vector2 Frame(Vector2 p) => new(Vector2.Dot(p - _centre, _across), Vector2.Dot(p - _centre, _down));

    private static float Bump(float x, float y, float sx, float sy) => MathF.Exp(-(x * x / (2 * sx * sx)) - (y * y / (2 * sy * sy)));

    private int Nearest(Vector2 frame)
    {
        var col = (int)MathF.Round((frame.X / (0.54f * _faceWidth) + 1) * Cells / 2);
        var middle = (_d[0] + _d[^1]) / 2;
        var row = (int)MathF.Round(((frame.Y - middle) / (0.62f * _faceHeight) + 1) * Cells / 2);
        return Math.Clamp(row, 0, Cells) * (Cells + 1) + Math.Clamp(col, 0, Cells);
    }

    /// <summary>The lip line's depth (d) at <paramref name="a"/>: a parabola through both corners and the lips' centre.</summary>
    private float LipLine(float a)
    {
        var half = (_mouthLeft.X - _mouthRight.X) / 2;
        var x = (a - (_mouthLeft.X + _mouthRight.X) / 2) / half;
        var cornerLine = (_mouthLeft.Y + _mouthRight.Y) / 2;
        return cornerLine + (_lips.Y - cornerLine) * (1 - x * x);
    }

    /// <summary>Moves the grid for the pose's gestures, turns it about a pivot behind the face and projects it through the pinhole.</summary>
    private (SKPoint[] Positions, bool[] Open, float[] Depth) Project(HeadPose pose)
    {
        var n = _a.Length;
        var positions = new SKPoint[n];
        var depth = new float[n];
        var open = new bool[n];
        var (yaw, pitch) = (pose.Yaw * MathF.PI / 180, pose.Pitch * MathF.PI / 180);
        var (cy, sy, cp, sp) = (MathF.Cos(yaw), MathF.Sin(yaw), MathF.Cos(pitch), MathF.Sin(pitch));
        var pivot = -0.7f * _faceWidth;
        var camera = CameraDistance * _faceWidth;
        var mouthHalf = (_mouthLeft.X - _mouthRight.X) / 2;
        var mouthMid = (_mouthLeft.X + _mouthRight.X) / 2;
        for (var k = 0; k < n; k++)
        {
            var (a, d, z) = (_a[k], _d[k], _z[k]);
            var (da, dd) = (0f, 0f);
            foreach (var eye in _eyes)
            {
                // The upper lid comes down onto the lower one; the skin above follows less and less.
                // Between the lids the eye is squeezed onto the lower lid; above them the skin comes down, less and less.
                var x = (a - eye.Centre.X) / (1.3f * eye.HalfWidth);
                var above = eye.Centre.Y - d;
                var o = eye.Opening;
                if (pose.EyesClosed != 0 && MathF.Abs(x) < 1 && above > -0.5f * o && above < 3f * o)
                {
                    var across = 0.5f * (1 + MathF.Cos(MathF.PI * x));
                    var shift = above <= 0.5f * o ? above + 0.5f * o : o * (1 - (above - 0.5f * o) / (2.5f * o));
                    dd += pose.EyesClosed * across * shift;
                }
            }
            if (pose.BrowsRaised != 0 && d < _eyes[0].Centre.Y - _eyes[0].Opening && MathF.Abs(a) < 0.45f * _faceWidth)
            {
                var lid = _eyes[0].Centre.Y - _eyes[0].Opening;
                var w = d >= _browLine ? (lid - d) / (lid - _browLine) : (d - _foreheadLine) / (_browLine - _foreheadLine);
                dd -= pose.BrowsRaised * 0.09f * _faceHeight * Math.Clamp(w, 0, 1);
            }
            var lipLine = LipLine(a);
            var inMouth = MathF.Abs(a - mouthMid) < mouthHalf;
            if (pose.MouthOpen != 0 && d > lipLine)
            {
                // The jaw drops: the lower lip fully in the mouth's middle, the chin fully, the jaw's sides less.
                var x = (a - mouthMid) / mouthHalf;
                var lip = inMouth ? MathF.Sqrt(1 - x * x) : 0;
                var jaw = Math.Clamp(1.1f - 0.9f * MathF.Abs(a) / (0.5f * _faceWidth), 0.25f, 1) * Math.Clamp((d - lipLine) / (0.05f * _faceHeight), 0, 1);
                dd += pose.MouthOpen * 0.15f * _faceHeight * Math.Max(lip, jaw);
                open[k] = inMouth;
            }
            if (pose.Smile != 0)
            {
                foreach (var (corner, side) in new[] { (_mouthRight, -1f), (_mouthLeft, 1f) })
                {
                    var w = Bump(a - corner.X, d - corner.Y, 0.08f * _faceWidth, 0.08f * _faceWidth);
                    da += pose.Smile * side * 0.065f * _faceWidth * w;
                    dd -= pose.Smile * 0.045f * _faceHeight * w;
                }
            }
            (a, d) = (a + da, d + dd);
            // Pitch about the across axis, then yaw about the down axis, both through the pivot behind the face.
            var zp = z - pivot;
            var (d1, z1) = (d * cp - zp * sp, d * sp + zp * cp);
            var (a2, z2) = (a * cy + z1 * sy, -a * sy + z1 * cy);
            var scale = camera / (camera - (z2 + pivot));
            var p = _centre + scale * (a2 * _across + d1 * _down);
            positions[k] = new SKPoint(p.X, p.Y);
            depth[k] = z2;
        }
        return (positions, open, depth);
    }

    /// <summary>The grid's cells inside the head's outline, farthest first; cells across an opened lip line are left out (the mouth).</summary>
    private void DrawGrid(SKCanvas canvas, SKPoint[] positions, bool[] open, float[] depth)
    {
        var triangles = new List<int>();
        for (var row = 0; row < Cells; row++)
        {
            for (var col = 0; col < Cells; col++)
            {
                var k = row * (Cells + 1) + col;
                int[] quad = [k, k + 1, k + Cells + 1, k + Cells + 2];
                if (quad.Any(q => !_inside[q]))
                {
                    continue;
                }
                // A cell with lips above and below an opened lip line is the mouth's gap.
                if (quad.Any(q => open[q]) && quad.Any(q => !open[q] && _d[q] <= LipLine(_a[q])))
                {
                    continue;
                }
                triangles.AddRange([k, k + 1, k + Cells + 1, k + 1, k + Cells + 2, k + Cells + 1]);
            }
        }
        // Farthest first (painter's order): a turned nose covers the cheek behind it.
        var order = Enumerable.Range(0, triangles.Count / 3)
            .OrderBy(t => depth[triangles[3 * t]] + depth[triangles[3 * t + 1]] + depth[triangles[3 * t + 2]]).ToArray();
        var (pos, tex) = (new SKPoint[triangles.Count], new SKPoint[triangles.Count]);
        for (var t = 0; t < order.Length; t++)
        {
            for (var j = 0; j < 3; j++)
            {
                var vertex = triangles[3 * order[t] + j];
                (pos[3 * t + j], tex[3 * t + j]) = (positions[vertex], _texCoords[vertex]);
            }
        }
        using var vertices = SKVertices.CreateCopy(SKVertexMode.Triangles, pos, tex, null);
        using var paint = new SKPaint { Shader = _texture, IsAntialias = true };
        canvas.DrawVertices(vertices, SKBlendMode.Modulate, paint);
    }

    /// <summary>The photo with the face blurred away inside the head's outline, so a turned head shows no second face behind it.</summary>
    private SKImage Background(SKBitmap photo, float halfW, float halfH, float middle)
    {
        using var surface = SKSurface.Create(new SKImageInfo(photo.Width, photo.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.DrawImage(_photo, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        canvas.SaveLayer();
        using var blur = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(0.15f * _faceWidth, 0.15f * _faceWidth) };
        canvas.DrawImage(_photo, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), blur);
        using var mask = new SKPaint { BlendMode = SKBlendMode.DstIn, IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 0.04f * _faceWidth) };
        var c = _centre + middle * _down;
        canvas.Save();
        canvas.RotateRadians(MathF.Atan2(_across.Y, _across.X), c.X, c.Y);
        canvas.DrawOval(new SKRect(c.X - 1.08f * halfW, c.Y - 1.05f * halfH, c.X + 1.08f * halfW, c.Y + 1.05f * halfH), mask);
        canvas.Restore();
        canvas.Restore();
        return surface.Snapshot();
    }

    private HeadPose NextTremor()
    {
        var (keep, degrees, pixels) = Variation.Drift ? (0.95f, 0.2f, 1f) : (0.8f, 0.2f, 0.6f);
        _tremor = new HeadPose(Yaw: keep * _tremor.Yaw + Gaussian(degrees), Pitch: keep * _tremor.Pitch + Gaussian(degrees),
            ShiftX: keep * _tremor.ShiftX + Gaussian(pixels), ShiftY: keep * _tremor.ShiftY + Gaussian(pixels));
        return _tremor;
    }

    private float Gaussian(float sigma) => sigma * MathF.Sqrt(-2 * MathF.Log(1 - _random.NextSingle())) * MathF.Cos(2 * MathF.PI * _random.NextSingle());

    /// <summary>The light's gains per channel, then the sensor's noise.</summary>
    private void AddNoise(SKSurface surface)
    {
        using var pixmap = surface.PeekPixels();
        var bytes = pixmap.GetPixelSpan<byte>();
        var (r, g, b, gain) = Variation.Exposure();
        for (var i = 0; i < bytes.Length; i += 4)
        {
            var n = Gaussian(2f * gain);
            bytes[i] = (byte)Math.Clamp(bytes[i] * r + n + Gaussian(1.5f * gain), 0, 255);
            bytes[i + 1] = (byte)Math.Clamp(bytes[i + 1] * g + n + Gaussian(1.5f * gain), 0, 255);
            bytes[i + 2] = (byte)Math.Clamp(bytes[i + 2] * b + n + Gaussian(1.5f * gain), 0, 255);
        }
    }
}
