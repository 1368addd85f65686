using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>The whole pipeline on the sample photos, decoded by SkiaSharp.</summary>
public sealed class FaceAnalyzerTests(FaceModelsFixture fixture, ITestOutputHelper output) : IClassFixture<FaceModelsFixture>
{
    private static RgbaImage Decode(int sample) =>
        new FrameDecoder(new FaceAnalysisOptions()).Decode(File.ReadAllBytes(FaceModelsFixture.SamplePhoto(sample))).Image!;

    [Fact]
    public void SamplePhotos_FaceFoundWhereTheTfjsPipelineFoundIt()
    {
        var analyzer = fixture.Analyzer();
        foreach (var reference in ReferencePhoto.LoadAll())
        {
            var result = analyzer.Analyze(File.ReadAllBytes(FaceModelsFixture.SamplePhoto(reference.Number)), new AnalysisRequest());

            Assert.Equal(AnalysisStatus.Face, result.Status);
            var face = result.Face!;
            var iou = Iou(face.Crop, reference.Crop);
            output.WriteLine($"sample{reference.Number}: crop {face.Crop} (TF.js {reference.Crop}, IoU {iou:F3}), score {face.DetectionScore:F3}, faces {face.FacesDetected}, flag {face.FaceFlag:F3}, real {face.Real:F3}, live {face.Live:F3}, {face.Measures}");
            Assert.True(iou >= 0.8, $"sample{reference.Number}: crop IoU with the TF.js crop is {iou:F3}");
            Assert.True(face.FaceFlag >= 0.5f, $"sample{reference.Number}: face flag {face.FaceFlag}");
            Assert.Equal(FaceMesh.LandmarkCount * 3, face.Mesh.Values.Length);
            var inside = Enumerable.Range(0, FaceMesh.LandmarkCount).Count(i => Contains(face.Crop, face.Mesh[i].X, face.Mesh[i].Y));
            Assert.True(inside >= 0.95 * FaceMesh.LandmarkCount, $"sample{reference.Number}: only {inside} landmarks inside the crop");
            Assert.Equal(1.0, face.Emotions.Sum(), 3);
            Assert.InRange(face.Real ?? float.NaN, 0f, 1f);
            Assert.InRange(face.Live ?? float.NaN, 0f, 1f);
            Assert.Null(face.Embedding);
        }
    }

    [Fact]
    public void Embedding_SameFaceShiftedFlippedOrBrighter_IsSimilar()
    {
        var analyzer = fixture.Analyzer();
        var request = new AnalysisRequest(WantEmbedding: true);
        var image = Decode(1);
        var original = analyzer.Analyze(image, request).Face!.Embedding!;
        Assert.Equal(1024, original.Length);

        foreach (var (name, variant) in new[]
        {
            ("shifted 37,23 px", ImageVariants.Shift(image, 37, 23)),
            ("mirrored", ImageVariants.MirrorHorizontally(image)),
            ("brightness x1.25", ImageVariants.Brighten(image, 1.25f)),
        })
        {
            var embedding = analyzer.Analyze(variant, request).Face!.Embedding!;
            var similarity = EmbeddingSimilarity.Compute(original, embedding);
            output.WriteLine($"{name}: similarity {similarity:F3}");
            Assert.True(similarity >= 0.8, $"{name}: similarity {similarity:F3} < 0.8");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Embedding_DifferentPeopleInAGroupPhoto_AreNotSimilar(int sample)
    {
        var analyzer = fixture.Analyzer();
        var image = Decode(sample);
        // Weak detections whose crop the mesh rejects are not faces; compare the confirmed ones.
        var embeddings = analyzer.Detect(image)
            .Select(f => analyzer.AnalyzeDetected(image, f, new AnalysisRequest(WantEmbedding: true)))
            .OfType<FaceResult>()
            .Select(f => f.Embedding!)
            .ToList();
        Assert.True(embeddings.Count >= 3, $"sample{sample}: expected a group photo, found {embeddings.Count} faces");
        for (var i = 0; i < embeddings.Count; i++)
        for (var j = i + 1; j < embeddings.Count; j++)
        {
            var similarity = EmbeddingSimilarity.Compute(embeddings[i], embeddings[j]);
            output.WriteLine($"sample{sample} faces {i},{j}: similarity {similarity:F3}");
            Assert.True(similarity <= 0.6, $"sample{sample} faces {i} and {j}: similarity {similarity:F3} > 0.6");
        }
    }

    [Fact]
    public void Tracking_ReusesPreviousMesh_AndMeasuresMotion()
    {
        var analyzer = fixture.Analyzer();
        var image = Decode(1);
        var first = analyzer.Analyze(image, new AnalysisRequest()).Face!;

        var moved = ImageVariants.Shift(image, 12, 8);
        var tracked = analyzer.Analyze(moved, new AnalysisRequest(AnalysisMode.Track, PreviousMesh: first.Mesh)).Face!;

        Assert.True(tracked.Tracked);
        Assert.Equal(0, tracked.FacesDetected);
        Assert.True(tracked.FaceFlag >= 0.5f);
        var meanShift = Enumerable.Range(0, FaceMesh.LandmarkCount).Average(i => tracked.Mesh[i].X - first.Mesh[i].X);
        output.WriteLine($"mean x shift {meanShift:F2} px, motion {tracked.Measures.Motion:F4}");
        Assert.InRange(meanShift, 9, 15);
        Assert.NotNull(tracked.Measures.Motion);
        Assert.True(tracked.Measures.Motion > 0);
    }

    [Fact]
    public void TrackedFrameFromBytes_DecodesOnlyTheFaceWindow_AndMatchesAWholeFrameAnalysis()
    {
        var analyzer = fixture.Analyzer();
        var bytes = File.ReadAllBytes(FaceModelsFixture.SamplePhoto(1));
        using var image = Decode(1);
        var first = analyzer.Analyze(image, new AnalysisRequest()).Face!;
        var request = new AnalysisRequest(AnalysisMode.Track, PreviousMesh: first.Mesh);

        var fromWholeImage = analyzer.Analyze(image, request).Face!;
        var fromBytes = analyzer.Analyze(bytes, request).Face!;

        Assert.True(fromBytes.Tracked);
        Assert.Equal(fromWholeImage.Crop, fromBytes.Crop);
        Assert.Equal(fromWholeImage.FaceFlag, fromBytes.FaceFlag);
        Assert.Equal(fromWholeImage.Real, fromBytes.Real);
        Assert.Equal(fromWholeImage.Emotions, fromBytes.Emotions);
        for (var i = 0; i < FaceMesh.LandmarkCount; i++)
        {
            Assert.Equal(fromWholeImage.Mesh[i], fromBytes.Mesh[i]);
        }
    }

    [Fact]
    public void WithoutExpressionOrSpoofCues_ThoseAreSkipped_AndEverythingElseIsTheSame()
    {
        var analyzer = fixture.Analyzer();
        using var image = Decode(2);

        var full = analyzer.Analyze(image, new AnalysisRequest()).Face!;
        var lean = analyzer.Analyze(image, new AnalysisRequest(WantExpression: false, WantSpoofCues: false)).Face!;

        Assert.Equal(7, full.Emotions.Length);
        Assert.Empty(lean.Emotions);
        Assert.All(new[] { full.Real, full.Live, full.ScreenGrid, full.GamutClipped }, cue => Assert.NotNull(cue));
        Assert.All(new[] { lean.Real, lean.Live, lean.ScreenGrid, lean.GamutClipped }, cue => Assert.Null(cue));
        Assert.Equal(full.Crop, lean.Crop);
        Assert.Equal(full.Mesh.Values, lean.Mesh.Values);
        Assert.Equal(full.Measures, lean.Measures);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void DeferredCues_MeasuredAfterTheFrameIsGone_EqualTheCuesMeasuredWithIt(int sample)
    {
        var analyzer = fixture.Analyzer();
        var bytes = File.ReadAllBytes(FaceModelsFixture.SamplePhoto(sample));
        var detected = analyzer.Analyze(bytes, new AnalysisRequest(WantEmbedding: true)).Face!;
        // Detected from the whole frame, and tracked from a window of it (only the old crop decoded).
        foreach (var request in new[]
        {
            new AnalysisRequest(WantEmbedding: true),
            new AnalysisRequest(AnalysisMode.Track, WantEmbedding: true, PreviousMesh: detected.Mesh),
        })
        {
            var now = analyzer.Analyze(bytes, request).Face!;
            var deferred = analyzer.Analyze(bytes, request with { DeferCues = true }).Face!;

            Assert.Equal(now.Mesh.Values, deferred.Mesh.Values);
            Assert.Equal(now.Measures, deferred.Measures);
            Assert.Null(now.PendingCues);
            Assert.All(new[] { deferred.Real, deferred.Live, deferred.ScreenGrid, deferred.GamutClipped }, cue => Assert.Null(cue));
            Assert.Null(deferred.Embedding);
            var later = analyzer.MeasureCues(deferred.PendingCues!);
            output.WriteLine($"sample{sample} {request.Mode}: crop {now.Crop}, real {later.Real}, live {later.Live}, grid {later.ScreenGrid}, clipped {later.GamutClipped}");
            Assert.Equal((now.Real, now.Live, now.DeepfakeReal, now.ScreenGrid, now.GamutClipped), (later.Real, later.Live, later.DeepfakeReal, later.ScreenGrid, later.GamutClipped));
            Assert.Equal(now.Embedding, later.Embedding);
        }
    }

    [Fact]
    public void DeferredCues_OnlyWhatWasAskedFor_AndNothingWhenNothingWas()
    {
        var analyzer = fixture.Analyzer();
        var bytes = File.ReadAllBytes(FaceModelsFixture.SamplePhoto(2));

        var spoofOnly = analyzer.MeasureCues(analyzer.Analyze(bytes, new AnalysisRequest(DeferCues: true)).Face!.PendingCues!);
        var embeddingOnly = analyzer.MeasureCues(analyzer.Analyze(bytes, new AnalysisRequest(WantEmbedding: true, WantSpoofCues: false, DeferCues: true)).Face!.PendingCues!);
        var nothing = analyzer.Analyze(bytes, new AnalysisRequest(WantSpoofCues: false, DeferCues: true)).Face!;

        Assert.NotNull(spoofOnly.Real);
        Assert.Null(spoofOnly.Embedding);
        Assert.Null(embeddingOnly.Real);
        Assert.Null(embeddingOnly.ScreenGrid);
        Assert.Equal(1024, embeddingOnly.Embedding!.Length);
        Assert.Null(nothing.PendingCues);
    }

    [Fact]
    public void TrackedFrameFromBytes_WhenTheFaceLeftItsOldCrop_FallsBackToDetection()
    {
        var analyzer = fixture.Analyzer();
        var bytes = File.ReadAllBytes(FaceModelsFixture.SamplePhoto(1));
        using var image = Decode(1);
        var detected = analyzer.Analyze(image, new AnalysisRequest()).Face!;
        // A mesh from a different place: its crop holds no face, so the whole frame must be decoded and searched.
        var elsewhere = new FaceMesh(Enumerable.Range(0, FaceMesh.LandmarkCount * 3).Select(i => (i % 3) switch { 0 => 80f + (i % 50), 1 => 1100f + (i % 40), _ => 0f }).ToArray());

        var result = analyzer.Analyze(bytes, new AnalysisRequest(AnalysisMode.Track, PreviousMesh: elsewhere)).Face!;

        Assert.False(result.Tracked);
        Assert.Equal(detected.Crop, result.Crop);
    }

    [Fact]
    public void MirroredFace_InvertsYawAndRoll()
    {
        var analyzer = fixture.Analyzer();
        var image = Decode(3);
        var original = analyzer.Analyze(image, new AnalysisRequest()).Face!.Measures;
        var mirrored = analyzer.Analyze(ImageVariants.MirrorHorizontally(image), new AnalysisRequest()).Face!.Measures;
        output.WriteLine($"original {original}\nmirrored {mirrored}");

        Assert.InRange(mirrored.Yaw + original.Yaw, -6, 6);
        Assert.InRange(mirrored.Roll + original.Roll, -6, 6);
    }

    [Fact]
    public void UniformImage_HasNoFace()
    {
        var analyzer = fixture.Analyzer();

        var result = analyzer.Analyze(ImageVariants.Uniform(640, 480, 128), new AnalysisRequest());

        Assert.Equal(AnalysisStatus.NoFace, result.Status);
    }

    private static bool Contains(CropRect crop, float x, float y) =>
        x >= crop.Left && x <= crop.Left + crop.Width && y >= crop.Top && y <= crop.Top + crop.Height;

    private static double Iou(CropRect a, CropRect b)
    {
        var w = Math.Max(0, Math.Min(a.Left + a.Width, b.Left + b.Width) - Math.Max(a.Left, b.Left));
        var h = Math.Max(0, Math.Min(a.Top + a.Height, b.Top + b.Height) - Math.Max(a.Top, b.Top));
        var intersection = (double)w * h;
        return intersection / ((a.Width * a.Height) + (b.Width * b.Height) - intersection);
    }
}
