using Microsoft.ML.OnnxRuntime;

namespace SecureCall.FaceAnalysis.Inference;

/// <summary>One loaded ONNX model with a single NHWC float input. Run is thread-safe (ONNX Runtime sessions are).</summary>
public sealed class OnnxModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly long[] _inputShape;
    private readonly Dictionary<string, long[]> _outputShapes;
    private readonly string[] _allOutputs;

    public OnnxModelSession(string path, int intraOpThreads)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Face model '{path}' is missing. Run models/prepare.sh (or configure the model path).", path);
        }

        // Sequential execution and full graph optimisation are ONNX Runtime's defaults; spelled out
        // because the benchmark targets and the parity tests were measured with exactly these.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(path, options);
        var input = _session.InputMetadata.Single();
        _inputNames = [input.Key];
        InputSize = input.Value.Dimensions[1];
        InputChannels = input.Value.Dimensions[3];
        _inputShape = [1, InputSize, InputSize, InputChannels];

        // Batch dimensions are dynamic (-1) in most models; every run here is a batch of one.
        _outputShapes = _session.OutputMetadata.ToDictionary(o => o.Key, o => o.Value.Dimensions.Select(d => d < 0 ? 1L : d).ToArray());
        _allOutputs = [.. _session.OutputMetadata.Keys];
    }

    public int InputSize { get; }

    public int InputChannels { get; }

    public int InputLength => InputSize * InputSize * InputChannels;

    /// <summary>
    /// Names of the outputs holding exactly these many values (one name per length, in that order),
    /// so a caller can run only the heads it reads: ONNX Runtime skips nodes no requested output needs.
    /// </summary>
    public string[] OutputsWithLength(params int[] lengths) =>
        [.. lengths.Select(length => _outputShapes.Single(o => o.Value.Aggregate(1L, (a, b) => a * b) == length).Key)];

    /// <summary>Runs a batch of one; returns every output as (shape, values).</summary>
    public IReadOnlyList<(int[] Shape, float[] Values)> Run(float[] input) => Run(input, _allOutputs);

    /// <summary>
    /// Runs a batch of one and returns the named outputs in the order given. Input and outputs are
    /// bound to managed memory, so ONNX Runtime neither copies the input nor allocates outputs.
    /// </summary>
    public IReadOnlyList<(int[] Shape, float[] Values)> Run(float[] input, IReadOnlyList<string> outputNames)
    {
        if (input.Length < InputLength)
        {
            throw new ArgumentException($"Input holds {input.Length} values, {InputLength} needed.", nameof(input));
        }

        var results = new (int[] Shape, float[] Values)[outputNames.Count];
        var outputValues = new OrtValue[outputNames.Count];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, InputLength), _inputShape);
        try
        {
            for (var i = 0; i < outputNames.Count; i++)
            {
                var shape = _outputShapes[outputNames[i]];
                var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
                results[i] = (Array.ConvertAll(shape, d => (int)d), values);
                outputValues[i] = OrtValue.CreateTensorValueFromMemory(values, shape);
            }

            _session.Run(_runOptions, _inputNames, [inputValue], outputNames, outputValues);
        }
        finally
        {
            foreach (var value in outputValues)
            {
                value?.Dispose();
            }
        }

        return results;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
