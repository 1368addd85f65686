using System.Runtime.InteropServices;

namespace SecureCall.Models.Tests.Parity;

/// <summary>A tensor stored by models/parity/reference.mjs as raw little-endian float32.</summary>
public sealed record ParityTensor(string Name, string File, int[] Shape)
{
    public float[] Load(string directory)
    {
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(directory, File));
        var values = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        Assert.Equal(Shape.Aggregate(1, (a, b) => a * b), values.Length);
        return values;
    }
}
