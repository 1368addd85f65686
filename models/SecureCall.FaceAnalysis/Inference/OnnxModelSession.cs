using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SecureCall.FaceAnalysis.Inference;

/// <summary>One loaded ONNX model with a single NHWC float input. Run is thread-safe (ONNX Runtime sessions are).</summary>
public sealed class OnnxModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;

    public OnnxModelSession(string path, int intraOpThreads)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Face model '{path}' is missing. Run models/prepare.sh (or configure the model path).", path);
        }

        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, options);
        _inputName = _session.InputMetadata.Keys.Single();
        var dims = _session.InputMetadata[_inputName].Dimensions;
        InputSize = dims[1];
        InputChannels = dims[3];
    }

    public int InputSize { get; }

    public int InputChannels { get; }

    public int InputLength => InputSize * InputSize * InputChannels;

    /// <summary>Runs a batch of one; returns every output as (shape, values).</summary>
    public IReadOnlyList<(int[] Shape, float[] Values)> Run(float[] input)
    {
        var tensor = new DenseTensor<float>(input.AsMemory(0, InputLength), [1, InputSize, InputSize, InputChannels]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)]);
        return results.Select(r => r.AsTensor<float>()).Select(t => (t.Dimensions.ToArray(), t.ToArray())).ToList();
    }

    public void Dispose() => _session.Dispose();
}
