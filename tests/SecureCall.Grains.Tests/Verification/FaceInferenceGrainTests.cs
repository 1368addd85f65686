using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>The stateless inference worker with the real converted models (run models/prepare.sh first).</summary>
public sealed class FaceInferenceGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IFaceInferenceGrain Worker => fixture.Client.GetGrain<IFaceInferenceGrain>(0);

    [Fact]
    public async Task Analyze_SamplePhoto_FindsAFaceWithMeshAndEmbedding()
    {
        var photo = await File.ReadAllBytesAsync(SamplePhoto(1), TestContext.Current.CancellationToken);

        var result = await Worker.AnalyzeAsync(new FaceInferenceRequest(photo, 1, Track: false, WantEmbedding: true, PreviousMesh: null));

        Assert.Equal(FaceInferenceStatus.Face, result.Status);
        Assert.Equal(468 * 3, result.Mesh!.Length);
        Assert.Equal(7, result.Analysis!.Emotions.Count);
        Assert.InRange(result.Analysis.Emotions.Sum(), 0.99f, 1.01f);
        Assert.Equal(1024, result.Analysis.Embedding!.Count);
        Assert.InRange(result.Analysis.AntiSpoofReal ?? float.NaN, 0f, 1f);
    }

    [Fact]
    public async Task Analyze_TrackingWithPreviousMesh_StillFindsTheFace()
    {
        var photo = await File.ReadAllBytesAsync(SamplePhoto(1), TestContext.Current.CancellationToken);
        var first = await Worker.AnalyzeAsync(new FaceInferenceRequest(photo, 1, false, false, null));

        var tracked = await Worker.AnalyzeAsync(new FaceInferenceRequest(photo, 2, Track: true, WantEmbedding: false, PreviousMesh: first.Mesh));

        Assert.Equal(FaceInferenceStatus.Face, tracked.Status);
        Assert.Null(tracked.Analysis!.Embedding);
        Assert.InRange(tracked.Analysis.Motion, 0f, 0.05f);
    }

    public static TheoryData<string, byte[]> BadFrames => new()
    {
        { "empty", [] },
        { "not an image", "this is plainly not a picture"u8.ToArray() },
        { "truncated jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46] },
        { "over the size limit", new byte[600 * 1024] },
        { "png claiming 30000x30000", HugePngHeader() },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Analyze_BadFrame_IsATypedAnswerNotAnException(string what, byte[] frame)
    {
        var result = await Worker.AnalyzeAsync(new FaceInferenceRequest(frame, 1, false, false, null));

        Assert.True(result.Status == FaceInferenceStatus.BadFrame, $"{what}: {result.Status}");
        Assert.False(string.IsNullOrEmpty(result.Problem));
    }

    [Fact]
    public async Task Analyze_MalformedPreviousMesh_IsRefused()
    {
        var photo = await File.ReadAllBytesAsync(SamplePhoto(1), TestContext.Current.CancellationToken);

        var result = await Worker.AnalyzeAsync(new FaceInferenceRequest(photo, 1, true, false, new float[10]));

        Assert.Equal(FaceInferenceStatus.BadFrame, result.Status);
    }

    /// <summary>Texture patches from a caller are checked like the mesh: wrong sizes or a bad step are refused, not followed.</summary>
    [Fact]
    public async Task Analyze_MalformedTexturePatches_AreRefused()
    {
        var photo = await File.ReadAllBytesAsync(SamplePhoto(1), TestContext.Current.CancellationToken);
        var cut = await Worker.AnalyzeAsync(new FaceInferenceRequest(photo, 1, false, false, null, WantPatches: true));
        var (patches, points) = (cut.Patches!, cut.Patches!.Points!);
        FaceInferenceRequest Following(FacePatches reference, FacePatches? origin) =>
            new(photo, 2, true, false, cut.Mesh, WantPatches: true, ReferencePatches: reference, ReferencePoints: points, OriginPatches: origin);

        var good = await Worker.AnalyzeAsync(Following(patches, patches));
        Assert.Equal(FaceInferenceStatus.Face, good.Status);
        Assert.True(FlatMotion.Count(good.Analysis!.Tracked) >= FlatMotion.MinTrackedPoints, "the same photo again: its texture is where it was");
        foreach (var (what, bad) in new[]
        {
            ("origin without points", Following(patches, patches with { Points = null })),
            ("origin with too few points", Following(patches, patches with { Points = points[..10] })),
            ("origin with a short patch", Following(patches, patches with { Grey = patches.Grey[..100] })),
            ("origin with no step", Following(patches, patches with { Step = 0 })),
            ("reference with a huge step", Following(patches with { Step = 1e6f }, patches)),
        })
        {
            var result = await Worker.AnalyzeAsync(bad);
            Assert.True(result.Status == FaceInferenceStatus.BadFrame, $"{what}: {result.Status}");
            Assert.False(string.IsNullOrEmpty(result.Problem), what);
        }
    }

    private static string SamplePhoto(int number)
    {
        var path = RepositoryPaths.SamplePhoto(number);
        Assert.True(File.Exists(path), $"{path} is missing: run models/prepare.sh");
        return path;
    }

    private static byte[] HugePngHeader()
    {
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var size = BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(30000));
        return [.. header, .. size, .. size, 8, 6, 0, 0, 0, 0, 0, 0, 0];
    }
}
