using System.Buffers;
using SecureCall.FaceAnalysis.Detection;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.FaceAnalysis.Inference;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.FaceAnalysis.Tracking;
using System.Numerics;

namespace SecureCall.FaceAnalysis;

/// <summary>
/// Frame → face analysis: decode, detect (or track), crop ×1.4, face mesh, measures, expression,
/// anti-spoof, liveness and optionally the embedding (or, with <see cref="AnalysisRequest.DeferCues"/>, the pixels to
/// measure the last three from later, <see cref="MeasureCues"/>). Thread-safe; share one instance.
/// </summary>
public sealed class FaceAnalyzer(FaceModels models, FaceAnalysisOptions options)
{
    private const int MeshInputSize = 192;

    private readonly FrameDecoder _decoder = new(options);

    // Only the heads the pipeline reads: facemesh's third output and faceres' age/gender are skipped.
    private readonly string[] _meshOutputs = models.FaceMesh.OutputsWithLength(1, FaceMesh.LandmarkCount * 3);
    private readonly string[] _embeddingOutputs = models.FaceRes.OutputsWithLength(1024);

    /// <summary>
    /// Runs every model once (<see cref="FaceModels.WarmUp"/>) and the detection path over a blank frame, so the first
    /// real frame pays neither the sessions' lazy initialisation nor the detection path's JIT.
    /// </summary>
    public void WarmUp()
    {
        models.WarmUp();
        Detect(new RgbaImage(640, 480, new byte[640 * 480 * 4]));
    }

    /// <summary>Analyses encoded frame bytes; never throws for bad input, returns <see cref="AnalysisStatus.BadFrame"/>.</summary>
    public FrameAnalysis Analyze(ReadOnlySpan<byte> frame, AnalysisRequest request)
    {
        if (request is { Mode: AnalysisMode.Track, PreviousMesh: { } previous })
        {
            // Tracking reads only the previous face's crop, so only that part of the frame is decoded.
            var window = _decoder.Decode(frame, (width, height) => CropFromMesh(previous, width, height));
            if (window.Image is null)
            {
                return FrameAnalysis.Bad(window.Error!.Value);
            }

            using var partial = window.Image;
            if (partial.IsComplete)
            {
                return Analyze(partial, request);
            }

            if (AnalyzeCrop(partial, CropFromMesh(previous, partial.Width, partial.Height), null, 0, request) is { } tracked)
            {
                return FrameAnalysis.Found(tracked);
            }

            // The mesh lost the face in its old crop: detection needs the whole frame, and tracking need not be retried.
            request = request with { Mode = AnalysisMode.Detect };
        }

        var decoded = _decoder.Decode(frame);
        if (decoded.Image is null)
        {
            return FrameAnalysis.Bad(decoded.Error!.Value);
        }

        using var image = decoded.Image;
        return Analyze(image, request);
    }

    public FrameAnalysis Analyze(RgbaImage image, AnalysisRequest request)
    {
        if (request.Mode == AnalysisMode.Track && request.PreviousMesh is { } previous)
        {
            var tracked = AnalyzeCrop(image, CropFromMesh(previous, image.Width, image.Height), null, 0, request);
            if (tracked is not null)
            {
                return FrameAnalysis.Found(tracked);
            }
        }

        var faces = Detect(image);
        if (faces.Count == 0)
        {
            return FrameAnalysis.NoFace;
        }

        var face = AnalyzeDetected(image, faces[0], request, faces.Count);
        return face is null ? FrameAnalysis.NoFace : FrameAnalysis.Found(face);
    }

    /// <summary>Analyses one detected face (e.g. not the best one in a group photo); null when the mesh rejects the crop.</summary>
    public FaceResult? AnalyzeDetected(RgbaImage image, DetectedFace face, AnalysisRequest request, int facesDetected = 1) =>
        AnalyzeCrop(image, CropFromDetection(face, image), face.Score, facesDetected, request);

    public List<DetectedFace> Detect(RgbaImage image)
    {
        var outputs = Run(models.BlazeFace, buffer => ModelInputs.BlazeFace(image, buffer));
        var logits = new float[BlazeFaceAnchors.Count];
        var boxes = new float[BlazeFaceAnchors.Count * 16];
        CopyRows(outputs, 512, logits, boxes, 0);
        CopyRows(outputs, 384, logits, boxes, 512);
        return BlazeFaceDecoder.Decode(logits, boxes, image.Width, image.Height, options.MinDetectionScore, options.NmsIou);
    }

    /// <summary>Detector box → square side max(w,h)·enlarge around the box centre.</summary>
    public CropRect CropFromDetection(DetectedFace face, RgbaImage image) =>
        CropRect.FromSquare(face.CenterX, face.CenterY, Math.Max(face.Width, face.Height) * options.BoxEnlarge, image.Width, image.Height);

    /// <summary>Previous landmarks' bounds → square crop, so tracking needs no detector run.</summary>
    public CropRect CropFromMesh(FaceMesh mesh, int imageWidth, int imageHeight)
    {
        var (left, top, right, bottom) = mesh.Bounds();
        var side = Math.Max(right - left, bottom - top) * options.BoxEnlarge;
        return CropRect.FromSquare((left + right) / 2, (top + bottom) / 2, side, imageWidth, imageHeight);
    }

    private FaceResult? AnalyzeCrop(RgbaImage image, CropRect crop, float? score, int facesDetected, AnalysisRequest request)
    {
        var meshOutputs = Run(models.FaceMesh, buffer => ModelInputs.UnitRgb(image, crop, models.FaceMesh.InputSize, buffer), _meshOutputs);
        var flag = meshOutputs[0].Values[0];
        if (flag < options.MinFaceFlag)
        {
            return null;
        }

        var raw = meshOutputs[1].Values;
        var mesh = new FaceMesh(MapToImage(raw, crop, models.FaceMesh.InputSize));
        var emotions = request.WantExpression
            ? Run(models.Emotion, buffer => ModelInputs.Grey(image, crop, models.Emotion.InputSize, buffer))[0].Values
            : [];
        var measures = MeasureCalculator.Compute(mesh, request.PreviousMesh);
        var (patches, tracked) = Texture(image, mesh, request);
        var wanted = request.WantSpoofCues || request.WantEmbedding;
        var cues = request.DeferCues || !wanted ? FaceCues.None : Cues(image, crop, request.WantSpoofCues, request.WantEmbedding);
        var pending = request.DeferCues && wanted ? CueSample.Copy(image, crop, request.WantSpoofCues, request.WantEmbedding) : null;
        return new FaceResult(crop, score, facesDetected, flag, mesh, measures, emotions, cues.Real, cues.Live, cues.Embedding, cues.DeepfakeReal,
            image.Width, image.Height, patches, tracked, cues.ScreenGrid, cues.GamutClipped, pending);
    }

    /// <summary>Measures a sample's cues (the ones it was cut for) and gives its buffer back.</summary>
    public FaceCues MeasureCues(CueSample sample)
    {
        using (sample)
        {
            return Cues(sample.Pixels, sample.Crop, sample.SpoofCues, sample.Embedding);
        }
    }

    private FaceCues Cues(RgbaImage image, CropRect crop, bool spoof, bool embedding)
    {
        float? real = spoof ? Run(models.AntiSpoof, buffer => ModelInputs.UnitRgb(image, crop, models.AntiSpoof.InputSize, buffer))[0].Values[0] : null;
        float? live = spoof ? Run(models.Liveness, buffer => ModelInputs.UnitRgb(image, crop, models.Liveness.InputSize, buffer))[0].Values[0] : null;
        float? deepfakeReal = spoof && models.Deepfake is { } deepfake
            ? Run(deepfake, buffer => ModelInputs.UnitRgb(image, crop, deepfake.InputSize, buffer))[0].Values[0]
            : null;
        var (grid, clipped) = spoof ? ScreenArtifacts.Measure(image, crop) : ((float?)null, (float?)null);
        var descriptor = embedding
            ? Run(models.FaceRes, buffer => ModelInputs.ByteRgb(image, crop, models.FaceRes.InputSize, buffer), _embeddingOutputs)[0].Values
            : null;
        return new FaceCues(real, live, deepfakeReal, grid, clipped, descriptor);
    }

    /// <summary>
    /// The reference patches found again in this frame (searched where they were, moved as their landmarks moved), and
    /// new patches where they were found (or around the landmark subset when there was no reference), as requested.
    /// A patch not found this time is carried over unchanged, with the position it was searched at, so a point lost in
    /// one frame (a dropped frame, a blink over it) can be found again in the next.
    /// </summary>
    private static (TexturePatches? Patches, Vector2[]? Tracked) Texture(RgbaImage image, FaceMesh mesh, AnalysisRequest request)
    {
        if (!request.WantPatches && request.ReferencePatches is null)
        {
            return (null, null);
        }
        var landmarks = LandmarkSubset.MeshIndices.Select(i => new Vector2(mesh[i].X, mesh[i].Y)).ToArray();
        if (request is not { ReferencePatches: { } reference, ReferencePoints: { } from } || from.Length != LandmarkSubset.Count * 2)
        {
            var fresh = PatchTracker.StepFor(Vector2.Distance(landmarks[LandmarkSubset.RightCheek], landmarks[LandmarkSubset.LeftCheek]));
            return (request.WantPatches ? PatchTracker.Cut(image, landmarks, fresh) : null, null);
        }
        var scale = Math.Max(image.Width, image.Height);
        var predicted = new Vector2[landmarks.Length];
        for (var i = 0; i < predicted.Length; i++)
        {
            var moved = request.PreviousMesh is { } previous ? landmarks[i] - Flat(previous[LandmarkSubset.MeshIndices[i]]) : Vector2.Zero;
            predicted[i] = (new Vector2(from[2 * i], from[(2 * i) + 1]) * scale) + moved;
        }
        var chained = PatchTracker.Track(image, reference, predicted);
        // Aligned with the first frame's patches where they are given: what the chain found, without its drift.
        var tracked = request is { OriginPatches: { } origin, OriginPoints: { } at } && at.Length == LandmarkSubset.Count * 2
            ? PatchTracker.Align(image, origin with { Points = Pixels(at, scale) }, chained)
            : chained;
        if (!request.WantPatches)
        {
            return (null, tracked);
        }
        // The next frame searches from the aligned point, else from where the chain found it, else where it was expected.
        var found = tracked.Select((p, i) => float.IsFinite(p.X) ? p : float.IsFinite(chained[i].X) ? chained[i] : predicted[i]).ToArray();
        var cut = PatchTracker.Cut(image, found, reference.Step);
        const int area = TexturePatches.Side * TexturePatches.Side;
        for (var i = 0; i < tracked.Length; i++)
        {
            if (!float.IsFinite(tracked[i].X) && !float.IsFinite(chained[i].X))
            {
                Array.Copy(reference.Grey, i * area, cut.Grey, i * area, area);
            }
        }
        return (cut, tracked);
    }

    private static Vector2 Flat(Vector3 point) => new(point.X, point.Y);

    /// <summary>Points given as x, y divided by the frame's longer side, in pixels.</summary>
    private static Vector2[] Pixels(float[] normalised, float scale) =>
        Enumerable.Range(0, normalised.Length / 2).Select(i => new Vector2(normalised[2 * i], normalised[(2 * i) + 1]) * scale).ToArray();

    /// <summary>Mesh coordinates are crop pixels at the model's input size; scale and shift them into the image.</summary>
    private static float[] MapToImage(float[] raw, CropRect crop, int inputSize)
    {
        var sx = crop.Width / (float)inputSize;
        var sy = crop.Height / (float)inputSize;
        var mapped = new float[raw.Length];
        for (var i = 0; i < raw.Length; i += 3)
        {
            mapped[i] = crop.Left + (raw[i] * sx);
            mapped[i + 1] = crop.Top + (raw[i + 1] * sy);
            mapped[i + 2] = raw[i + 2] * sx;
        }

        return mapped;
    }

    private delegate void InputWriter(Span<float> buffer);

    /// <summary>Fills a pooled input buffer and runs the model, so frames do not allocate input tensors.</summary>
    private static IReadOnlyList<(int[] Shape, float[] Values)> Run(OnnxModelSession session, InputWriter fill, IReadOnlyList<string>? outputs = null)
    {
        var buffer = ArrayPool<float>.Shared.Rent(session.InputLength);
        try
        {
            fill(buffer.AsSpan(0, session.InputLength));
            return outputs is null ? session.Run(buffer) : session.Run(buffer, outputs);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static void CopyRows(IReadOnlyList<(int[] Shape, float[] Values)> outputs, int rows, float[] logits, float[] boxes, int offset)
    {
        var logit = outputs.Single(o => o.Shape.Length == 3 && o.Shape[1] == rows && o.Shape[2] == 1).Values;
        var box = outputs.Single(o => o.Shape.Length == 3 && o.Shape[1] == rows && o.Shape[2] == 16).Values;
        logit.CopyTo(logits, offset);
        box.CopyTo(boxes, offset * 16);
    }
}
