using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.Parity;

/// <summary>
/// Every converted model, run by ONNX Runtime, must reproduce TF.js (cpu backend) on the same inputs:
/// seeded random tensors and face crops from the sample photos.
/// </summary>
public sealed class ModelParityTests(PreparedModelsFixture models, ITestOutputHelper output) : IClassFixture<PreparedModelsFixture>
{
    private const float Bound = 1e-4f;

    // Landmark/regressor outputs reach 50–165 px; different float32 summation orders (TF.js loops vs
    // MLAS GEMM with FMA) move them by up to ~2e-6 relative, so the bound grows by 5e-6 per unit of
    // magnitude. For outputs in [0,1] (probabilities, flags) and embeddings (≤ ~3) it stays ≈ 1e-4.
    private const float RelativeSlack = 5e-6f;

    // Logits reach ~350 in magnitude; float32 summation order alone moves them by ~1e-3.
    private const float BlazefaceLogitBound = 2e-3f;

    public static TheoryData<string> ModelNames => ["blazeface", "facemesh", "iris", "emotion", "antispoof", "liveness", "faceres"];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void OnnxOutputs_MatchTfjsReference(string model)
    {
        models.EnsureReady();
        var cases = ParityIndex.Load().Where(c => c.Model == model).ToList();
        Assert.True(cases.Count >= 2, $"expected random and photo cases for {model}, found {cases.Count}");

        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(PreparedModelsFixture.ModelPath(model), options);
        var inputName = session.InputMetadata.Keys.Single();
        var failures = new List<string>();
        foreach (var parity in cases)
        {
            var input = new DenseTensor<float>(parity.Input.Load(RepositoryPaths.ParityDir), parity.Input.Shape);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)], parity.Outputs.Select(o => o.Name).ToList());
            foreach (var expected in parity.Outputs)
            {
                var actual = results.Single(r => r.Name == expected.Name).AsTensor<float>();
                Assert.Equal(expected.Shape, actual.Dimensions.ToArray());
                var reference = expected.Load(RepositoryPaths.ParityDir);
                var values = actual.ToArray();
                var maxError = 0f;
                for (var i = 0; i < values.Length; i++)
                {
                    Assert.False(float.IsNaN(values[i]), $"{model}/{parity.Case}/{expected.Name}[{i}] is NaN");
                    maxError = MathF.Max(maxError, MathF.Abs(values[i] - reference[i]));
                }

                var magnitude = reference.Max(MathF.Abs);
                var bound = IsBlazefaceLogits(model, expected) ? BlazefaceLogitBound : Bound + (RelativeSlack * magnitude);
                output.WriteLine($"{model}/{parity.Case}/{expected.Name} {string.Join('x', expected.Shape)}: max abs error {maxError:E2} (bound {bound:E2}, max |ref| {magnitude:G4})");
                if (!(maxError <= bound))
                {
                    failures.Add($"{model}/{parity.Case}/{expected.Name}: max abs error {maxError:E3} exceeds {bound:E2}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static bool IsBlazefaceLogits(string model, ParityTensor tensor) => model == "blazeface" && tensor.Shape[^1] == 1;
}
