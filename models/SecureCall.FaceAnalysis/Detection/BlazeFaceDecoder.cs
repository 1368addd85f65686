namespace SecureCall.FaceAnalysis.Detection;

/// <summary>Turns BlazeFace outputs into scored boxes: anchor + offset, sigmoid score, greedy NMS.</summary>
public static class BlazeFaceDecoder
{
    private const int RowLength = 16;

    /// <param name="logits">896 score logits (stride-16 rows first).</param>
    /// <param name="boxes">896×16 regressor rows: dx, dy, w, h, 6 keypoints.</param>
    public static List<DetectedFace> Decode(ReadOnlySpan<float> logits, ReadOnlySpan<float> boxes, int imageWidth, int imageHeight, float minScore, float nmsIou)
    {
        var scaleX = imageWidth / (float)BlazeFaceAnchors.InputSize;
        var scaleY = imageHeight / (float)BlazeFaceAnchors.InputSize;
        var candidates = new List<DetectedFace>();
        for (var i = 0; i < BlazeFaceAnchors.Count; i++)
        {
            var score = 1f / (1f + MathF.Exp(-logits[i]));
            if (score < minScore)
            {
                continue;
            }

            var (ax, ay) = BlazeFaceAnchors.Centres[i];
            var row = boxes.Slice(i * RowLength, RowLength);
            candidates.Add(new DetectedFace((ax + row[0]) * scaleX, (ay + row[1]) * scaleY, row[2] * scaleX, row[3] * scaleY, score));
        }

        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        var kept = new List<DetectedFace>();
        foreach (var candidate in candidates)
        {
            if (kept.All(k => k.IntersectionOverUnion(candidate) <= nmsIou))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }
}
