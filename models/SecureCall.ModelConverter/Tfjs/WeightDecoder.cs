using System.Buffers.Binary;
using System.Text.Json;

namespace SecureCall.ModelConverter.Tfjs;

/// <summary>Decodes one weights-manifest entry from the concatenated shard bytes.</summary>
public static class WeightDecoder
{
    public static TfjsTensor Decode(JsonElement spec, byte[] data, ref int offset)
    {
        var name = spec.GetProperty("name").GetString()!;
        var shape = spec.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var dtype = spec.GetProperty("dtype").GetString();
        var count = checked((int)shape.Aggregate(1L, (a, b) => a * b));

        if (spec.TryGetProperty("quantization", out var quantization))
        {
            var qtype = quantization.GetProperty("dtype").GetString();
            var floats = new float[count];
            switch (qtype)
            {
                case "float16":
                    // Raw IEEE halves, not an affine quantisation.
                    for (var i = 0; i < count; i++)
                    {
                        floats[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data.AsSpan(offset + (2 * i), 2));
                    }

                    offset += 2 * count;
                    break;
                case "uint8":
                case "uint16":
                    var scale = quantization.GetProperty("scale").GetSingle();
                    var min = quantization.GetProperty("min").GetSingle();
                    var width = qtype == "uint8" ? 1 : 2;
                    for (var i = 0; i < count; i++)
                    {
                        int q = width == 1 ? data[offset + i] : BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + (2 * i), 2));
                        floats[i] = (q * scale) + min;
                    }

                    offset += width * count;
                    break;
                default:
                    throw new NotSupportedException($"Weight '{name}' uses unsupported quantization '{qtype}'.");
            }

            return dtype == "int32"
                ? new TfjsTensor(name, shape, null, floats.Select(f => (int)MathF.Round(f)).ToArray())
                : new TfjsTensor(name, shape, floats, null);
        }

        switch (dtype)
        {
            case "float32":
            {
                var floats = new float[count];
                for (var i = 0; i < count; i++)
                {
                    floats[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(offset + (4 * i), 4));
                }

                offset += 4 * count;
                return new TfjsTensor(name, shape, floats, null);
            }

            case "int32":
            {
                var ints = new int[count];
                for (var i = 0; i < count; i++)
                {
                    ints[i] = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset + (4 * i), 4));
                }

                offset += 4 * count;
                return new TfjsTensor(name, shape, null, ints);
            }

            default:
                throw new NotSupportedException($"Weight '{name}' has unsupported dtype '{dtype}'.");
        }
    }
}
