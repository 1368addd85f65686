namespace SecureCall.Grains.Verification;

/// <summary>Builds a robust enrolment template: the mean of L2-normalised embeddings of good frames, normalised again.</summary>
public static class FaceTemplate
{
    /// <summary>Values in a face embedding, and so in a template (the face descriptor model's output).</summary>
    public const int Dimensions = 1024;

    public static float[] Mean(IReadOnlyList<IReadOnlyList<float>> embeddings)
    {
        if (embeddings.Count == 0)
        {
            throw new ArgumentException("At least one embedding is needed.", nameof(embeddings));
        }
        var dimensions = embeddings[0].Count;
        var sum = new float[dimensions];
        foreach (var embedding in embeddings)
        {
            if (embedding.Count != dimensions)
            {
                throw new ArgumentException("Embeddings differ in length.", nameof(embeddings));
            }
            var norm = Norm(embedding);
            for (var i = 0; i < dimensions; i++)
            {
                sum[i] += norm > 0 ? embedding[i] / norm : 0;
            }
        }
        var total = Norm(sum);
        return total > 0 ? sum.Select(v => v / total).ToArray() : sum;
    }

    /// <summary>
    /// The normalised mean direction, scaled back to the embeddings' average length, so the package's calibrated
    /// distance-based similarity still applies to templates.
    /// </summary>
    public static float[] Robust(IReadOnlyList<IReadOnlyList<float>> embeddings)
    {
        var direction = Mean(embeddings);
        var length = embeddings.Average(e => Norm(e));
        return direction.Select(v => v * length).ToArray();
    }

    private static float Norm(IReadOnlyList<float> vector)
    {
        double squares = 0;
        foreach (var value in vector)
        {
            squares += value * value;
        }
        return (float)Math.Sqrt(squares);
    }
}
