using SecureCall.FaceAnalysis.Detection;

namespace SecureCall.Models.Tests.FaceAnalysis;

public sealed class BlazeFaceDecoderTests
{
    [Fact]
    public void Anchors_FollowTheTwoGrids()
    {
        Assert.Equal(896, BlazeFaceAnchors.Centres.Count);
        Assert.Equal((8f, 8f), BlazeFaceAnchors.Centres[0]);
        Assert.Equal((8f, 8f), BlazeFaceAnchors.Centres[1]);
        Assert.Equal((24f, 8f), BlazeFaceAnchors.Centres[2]);
        Assert.Equal((248f, 248f), BlazeFaceAnchors.Centres[511]);
        Assert.Equal((16f, 16f), BlazeFaceAnchors.Centres[512]);
        Assert.Equal((240f, 240f), BlazeFaceAnchors.Centres[895]);
    }

    [Fact]
    public void Decode_OffsetsAnchors_ScalesToImage_AndSuppressesOverlaps()
    {
        var logits = Enumerable.Repeat(-10f, 896).ToArray();
        var boxes = new float[896 * 16];
        // Two overlapping candidates around anchor 0 and a separate one at the last anchor.
        SetRow(logits, boxes, 0, logit: 3f, dx: 2f, dy: -1f, w: 40f, h: 50f);
        SetRow(logits, boxes, 1, logit: 1f, dx: 4f, dy: 0f, w: 40f, h: 50f);
        SetRow(logits, boxes, 895, logit: 0f, dx: 0f, dy: 0f, w: 20f, h: 20f);

        var faces = BlazeFaceDecoder.Decode(logits, boxes, imageWidth: 512, imageHeight: 256, minScore: 0.2f, nmsIou: 0.1f);

        Assert.Equal(2, faces.Count);
        Assert.Equal((8f + 2f) * 2, faces[0].CenterX, 4);
        Assert.Equal(8f - 1f, faces[0].CenterY, 4);
        Assert.Equal(80f, faces[0].Width, 4);
        Assert.Equal(50f, faces[0].Height, 4);
        Assert.Equal(1f / (1f + MathF.Exp(-3f)), faces[0].Score, 5);
        Assert.Equal(240f * 2, faces[1].CenterX, 4);
        Assert.Equal(0.5f, faces[1].Score, 5);
    }

    [Fact]
    public void Decode_DropsScoresBelowTheMinimum()
    {
        var logits = Enumerable.Repeat(-2f, 896).ToArray(); // sigmoid(−2) ≈ 0.12 < 0.2

        Assert.Empty(BlazeFaceDecoder.Decode(logits, new float[896 * 16], 256, 256, 0.2f, 0.1f));
    }

    private static void SetRow(float[] logits, float[] boxes, int row, float logit, float dx, float dy, float w, float h)
    {
        logits[row] = logit;
        boxes[row * 16] = dx;
        boxes[(row * 16) + 1] = dy;
        boxes[(row * 16) + 2] = w;
        boxes[(row * 16) + 3] = h;
    }
}
