namespace SecureCall.ModelConverter.Conversion;

/// <summary>An ONNX value standing for a TF.js tensor; <see cref="Shape"/> is the TF.js (logical) shape, -1 = unknown.</summary>
public sealed record ConvertedValue(string Name, TensorLayout Layout, long[] Shape)
{
    public int Rank => Shape.Length;
}
