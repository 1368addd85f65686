using SecureCall.FaceAnalysis;

namespace SecureCall.Models.Tests.FaceAnalysis;

public sealed class EmbeddingSimilarityTests
{
    [Fact]
    public void IdenticalEmbeddings_AreFullySimilar() =>
        Assert.Equal(1.0, EmbeddingSimilarity.Compute([0.5f, 1f, 2f], [0.5f, 1f, 2f]));

    [Theory]
    // Σ(a−b)² = 64 → distance 1600 → √ = 40 → (1 − 0.4 − 0.2)/0.6 = 2/3.
    [InlineData(8f, 2.0 / 3)]
    // Σ = 16 → √(400)/100 = 0.2 → (1 − 0.2 − 0.2)/0.6 = 1.
    [InlineData(4f, 1.0)]
    // Σ = 256 → √6400/100 = 0.8 → negative → clamped to 0.
    [InlineData(16f, 0.0)]
    public void Similarity_FollowsThePackageFormula(float difference, double expected) =>
        Assert.Equal(expected, EmbeddingSimilarity.Compute([0f, 1f], [difference, 1f]), 6);

    [Fact]
    public void DifferentLengths_AreRejected() =>
        Assert.Throws<ArgumentException>(() => EmbeddingSimilarity.Compute([1f], [1f, 2f]));
}
