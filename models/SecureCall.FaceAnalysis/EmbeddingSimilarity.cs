namespace SecureCall.FaceAnalysis;

/// <summary>The @vladmandic/human similarity of two faceres embeddings, in [0,1].</summary>
public static class EmbeddingSimilarity
{
    /// <summary>distance = 25·Σ(a−b)²; similarity = clamp((1 − √distance/100 − 0.2)/0.6, 0, 1).</summary>
    public static double Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.IsEmpty)
        {
            throw new ArgumentException("Embeddings must be non-empty and of equal length.");
        }

        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        var distance = 25 * sum;
        return Math.Clamp((1 - (Math.Sqrt(distance) / 100) - 0.2) / 0.6, 0, 1);
    }
}
