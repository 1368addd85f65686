namespace SecureCall.ModelConverter.Tfjs;

/// <summary>A constant from the weights manifest, dequantised: floats for float32/quantised weights, ints for int32.</summary>
public sealed record TfjsTensor(string Name, long[] Shape, float[]? Floats, int[]? Ints)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public float[] RequireFloats() => Floats ?? throw new InvalidDataException($"Constant '{Name}' is not a float tensor.");

    public int[] RequireInts() => Ints ?? throw new InvalidDataException($"Constant '{Name}' is not an int32 tensor.");
}
