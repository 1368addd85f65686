using System.Buffers.Text;
using System.Text.Json;
using SecureCall.Security.Crypto;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Crypto;

/// <summary>The C# safety number equals the browser's on the vectors both test suites share.</summary>
public sealed class SafetyNumberTests
{
    private static readonly string VectorsPath = Path.Combine(RepositoryRoot.Path, "Client.Web", "src", "crypto", "safety-number-vectors.json");

    [Fact]
    public void Compute_SharedVectors_MatchTheBrowserImplementation()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorsPath));
        var vectors = document.RootElement.GetProperty("vectors").EnumerateArray().ToList();
        Assert.NotEmpty(vectors);
        foreach (var vector in vectors)
        {
            var (a, b) = (vector.GetProperty("a"), vector.GetProperty("b"));
            var computed = SafetyNumber.Compute(
                a.GetProperty("userId").GetString()!, Base64Url.DecodeFromChars(a.GetProperty("signingSpki").GetString()!),
                b.GetProperty("userId").GetString()!, Base64Url.DecodeFromChars(b.GetProperty("signingSpki").GetString()!));
            Assert.Equal(vector.GetProperty("safetyNumber").GetString(), computed);
        }
    }

    [Fact]
    public void Compute_IsSymmetricAndSixtyDigits()
    {
        byte[] keyA = [1, 2, 3], keyB = [4, 5, 6];
        var ab = SafetyNumber.Compute("alice", keyA, "bob", keyB);
        Assert.Equal(ab, SafetyNumber.Compute("bob", keyB, "alice", keyA));
        Assert.Matches("^[0-9]{60}$", ab);
        Assert.NotEqual(ab, SafetyNumber.Compute("alice", keyA, "bob", [4, 5, 7]));
    }
}
